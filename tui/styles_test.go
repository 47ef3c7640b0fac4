package tui

import (
	"bytes"
	"image/color"
	"math"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// contrast is the WCAG 2 contrast ratio of two colours: (L1 + 0.05) /
// (L2 + 0.05) of their relative luminances
// (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			s := float64(v) / 0xffff
			if s <= 0.04045 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	l1, l2 := lum(a), lum(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// The palette every screen and form draws with meets WCAG AA (4.5:1 for
// text) on a white background for the light theme and a black one for
// the dark, high contrast included; and the forms use it: an unselected
// option of a light form is the text's colour, not a light grey.
func TestThemesAreReadable(t *testing.T) {
	t.Parallel()
	white, black := lipgloss.Color("#ffffff"), lipgloss.Color("#000000")
	for _, high := range []bool{false, true} {
		for _, dark := range []bool{false, true} {
			bg := white
			if dark {
				bg = black
			}
			fg, subtle, accent, warn := palette(dark, high)
			for name, c := range map[string]color.Color{"text": fg, "subtle": subtle, "accent": accent, "warning": warn} {
				if r := contrast(c, bg); r < 4.5 {
					t.Errorf("dark %v, high contrast %v: %s is %.2f:1 on its background", dark, high, name, r)
				}
			}
			styles := FormStyles(dark, high)
			if got := styles.Focused.UnselectedOption.GetForeground(); got != fg {
				t.Errorf("dark %v: an unselected option is %v, want the text's %v", dark, got, fg)
			}
		}
	}
	// The answer a yes/no question holds is marked in characters, for
	// NO_COLOR.
	st := FormStyles(false, false)
	if yes, no := st.Focused.FocusedButton.Render("Yes"), st.Focused.BlurredButton.Render("No"); !strings.Contains(yes, "▸ Yes") || strings.Contains(no, "▸") {
		t.Errorf("buttons %q %q", yes, no)
	}
}

// reverseVideo is an SGR sequence whose parameters include 7, reverse
// video, as a whole parameter (not the 7 of 37 or 237).
var reverseVideo = regexp.MustCompile(`\x1b\[(?:[0-9]*;)*7(?:;[0-9]*)*m`)

// A yes/no question as the terminal gets it: with NO_COLOR (no colour, no
// bold, no reverse video) the answer it holds is still marked ▸; on the
// light theme, no option is drawn in the light grey (256-colour 252) huh
// uses on dark backgrounds.
func TestFormEscapeCodes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		theme   Theme
		profile colorprofile.Profile
	}{{ThemeLight, colorprofile.NoTTY}, {ThemeLight, colorprofile.ANSI256}, {ThemeHighContrast, colorprofile.ANSI256}} {
		synctest.Test(t, func(t *testing.T) {
			m := New(memDemo(t, false), Options{Theme: tc.theme, Today: today})
			next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			m = drive(t, next.(Model), loadPatients(m.store))
			// The ketamine course's form; its seventh question is whether a
			// drug comes with each session.
			m = press(t, m, "enter", "3", "e")
			for range 6 {
				m = press(t, m, "enter")
			}
			var out bytes.Buffer
			w := &colorprofile.Writer{Forward: &out, Profile: tc.profile}
			if _, err := w.WriteString(m.View().Content); err != nil {
				t.Fatal(err)
			}
			screen := out.String()
			if !strings.Contains(ansi.Strip(screen), "Does each session come with a drug") || !strings.Contains(ansi.Strip(screen), "▸ No") {
				t.Fatalf("%s/%v: the question or its marked answer is missing:\n%s", tc.theme, tc.profile, ansi.Strip(screen))
			}
			switch tc.profile {
			case colorprofile.NoTTY:
				if strings.Contains(screen, "\x1b[") {
					t.Errorf("NO_COLOR output holds escape codes: %q", screen)
				}
			default:
				if strings.Contains(screen, "38;5;252") {
					t.Errorf("%s: an option in light grey (252)", tc.theme)
				}
				if !reverseVideo.MatchString(screen) {
					t.Errorf("%s: the answer held is not in reverse video", tc.theme)
				}
			}
		})
	}
}
