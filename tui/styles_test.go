package tui

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
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
