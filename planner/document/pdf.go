package document

import (
	"fmt"
	"strings"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"carecost/planner"
	"carecost/planner/report"
)

// Paper is a page size a summary is printed on.
type Paper string

const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// ParsePaper reads a paper size's name.
func ParsePaper(s string) (Paper, error) {
	switch Paper(s) {
	case A4, Letter:
		return Paper(s), nil
	}
	return "", fmt.Errorf("--paper %q is not a paper carecost knows: use a4 or letter", s)
}

// family is the Go fonts' family: they ship inside a Go module, so
// nothing is fetched to print, and they cover the Latin, Greek and
// Cyrillic alphabets (WGL4).
const family = "go"

// Sizes of the text, in points.
const (
	titleSize   = 15
	headingSize = 11
	bodySize    = 9
	tableSize   = 7.5
)

// PDF prints a cost summary on paper, dated made (the file's creation
// date, so the same summary prints the same bytes).
func PDF(s Summary, paper Paper, made time.Time) ([]byte, error) {
	m, err := newMaroto(s.Title, paper, made)
	if err != nil {
		return nil, err
	}
	m.AddAutoRow(text.NewCol(12, s.Title, props.Text{Size: titleSize, Style: fontstyle.Bold}))
	m.AddAutoRow(text.NewCol(12, s.Prepared, props.Text{Style: fontstyle.Bold, Top: 1, Bottom: 3}))
	for _, f := range s.Facts {
		m.AddAutoRow(
			text.NewCol(3, f[0], props.Text{Style: fontstyle.Bold}),
			text.NewCol(9, f[1]),
		)
	}

	heading(m, "The ways to pay, compared")
	table(m, s.Comparison, []int{3, 2, 1, 2, 1, 1, 2})
	for _, n := range s.Notes {
		m.AddAutoRow(text.NewCol(12, "• "+n, props.Text{Top: 1}))
	}

	if s.Chosen != "" {
		heading(m, "Month by month: "+s.Chosen)
		m.AddAutoRow(text.NewCol(12, "Shown because it is "+s.ChosenWhy+".", props.Text{Bottom: 1}))
		table(m, s.Schedule, s.ScheduleWidths)
		heading(m, "Each session's cost sharing: "+s.Chosen)
		table(m, s.Sessions, []int{2, 2, 1, 1, 1, 1, 1, 1, 2})
	}

	if len(s.Approval) > 0 {
		heading(m, "Where approval stands")
		for _, l := range s.Approval {
			switch {
			case l.Heading:
				m.AddAutoRow(text.NewCol(12, l.Text, props.Text{Style: fontstyle.Bold, Top: 2}))
			case l.Item:
				m.AddAutoRow(text.NewCol(12, "• "+l.Text, props.Text{Left: 3, Top: 0.5}))
			default:
				m.AddAutoRow(text.NewCol(12, l.Text, props.Text{Top: 1}))
			}
		}
	}
	m.AddAutoRow(text.NewCol(12, s.Closing, props.Text{Top: 5, Size: tableSize}))

	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("cannot make the PDF: %w", err)
	}
	return doc.GetBytes(), nil
}

// newMaroto is a document on paper with the Go fonts, titled, dated
// made, its pages numbered.
func newMaroto(title string, paper Paper, made time.Time) (core.Maroto, error) {
	fonts, err := repository.New().
		AddUTF8FontFromBytes(family, fontstyle.Normal, goregular.TTF).
		AddUTF8FontFromBytes(family, fontstyle.Bold, gobold.TTF).
		Load()
	if err != nil {
		return nil, fmt.Errorf("cannot load the fonts: %w", err)
	}
	size := pagesize.A4
	if paper == Letter {
		size = pagesize.Letter
	}
	cfg := config.NewBuilder().
		WithPageSize(size).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: family, Size: bodySize}).
		WithLeftMargin(15).WithRightMargin(15).WithTopMargin(15).
		WithTitle(title, true).
		WithCreator("carecost", true).
		WithCreationDate(made).
		WithPageNumber(props.PageNumber{Pattern: "Page {current} of {total}", Place: props.RightBottom, Family: family, Size: tableSize}).
		Build()
	return maroto.New(cfg), nil
}

// heading starts a section.
func heading(m core.Maroto, title string) {
	m.AddAutoRow(text.NewCol(12, title, props.Text{Size: headingSize, Style: fontstyle.Bold, Top: 5, Bottom: 1}))
}

// table prints rows in columns of the widths (in twelfths of the page),
// the first row bold; every column but the first two right-aligned when
// it holds figures.
func table(m core.Maroto, rows [][]string, widths []int) { tableRows(m, rows, widths, tableSize) }

// tableRows is table in text of size points.
func tableRows(m core.Maroto, rows [][]string, widths []int, size float64) {
	for r, row := range rows {
		var cols []core.Col
		for i, cell := range row {
			p := props.Text{Size: size, Top: 0.5, Right: 1}
			if r == 0 {
				p.Style = fontstyle.Bold
			}
			if i > 0 && figureColumn(rows, i) {
				p.Align = align.Right
			}
			w := 1
			if i < len(widths) {
				w = widths[i]
			}
			cols = append(cols, text.NewCol(w, cell, p))
		}
		m.AddAutoRow(cols...)
	}
}

// figureColumn says whether column i holds figures: every cell under the
// header starts with a digit or $.
func figureColumn(rows [][]string, i int) bool {
	for _, row := range rows[1:] {
		if i >= len(row) || row[i] == "" || !(row[i][0] == '$' || row[i][0] == '-' || (row[i][0] >= '0' && row[i][0] <= '9')) {
			return false
		}
	}
	return len(rows) > 1
}

// OutcomesPDF prints an outcome report across patients.
func OutcomesPDF(rows []planner.Outcomes, from, to planner.Date, paper Paper, made time.Time) ([]byte, error) {
	title := "Outcomes, " + from.String() + " to " + to.String()
	m, err := newMaroto(title, paper, made)
	if err != nil {
		return nil, err
	}
	m.AddAutoRow(text.NewCol(12, title, props.Text{Size: titleSize, Style: fontstyle.Bold}))
	m.AddAutoRow(text.NewCol(12, report.OutcomesNote(from, to), props.Text{Top: 1, Bottom: 3}))
	table := [][]string{report.OutcomeColumns}
	for _, o := range append(rows, report.OutcomesTotal(rows)) {
		table = append(table, report.OutcomeRow(o, planner.Money.String))
	}
	// Twelve columns: the patient, then eleven figures.
	widths := make([]int, len(report.OutcomeColumns))
	for i := range widths {
		widths[i] = 1
	}
	tableRows(m, table, widths, tableSize-1.5)
	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("cannot make the PDF: %w", err)
	}
	return doc.GetBytes(), nil
}

// LetterPDF prints a drafted letter (Markdown, as carecost drafts them):
// headings bold, list items as bullets, paragraphs as they are, without
// the marks of bold and italic spans and of escaped characters.
func LetterPDF(title, markdown string, paper Paper, made time.Time) ([]byte, error) {
	m, err := newMaroto(title, paper, made)
	if err != nil {
		return nil, err
	}
	plain := func(s string) string { return s }
	for raw := range strings.SplitSeq(markdown, "\n") {
		kind, md, _ := LetterLine(raw)
		l := Inline(md, plain, plain)
		switch kind {
		case Blank:
			m.AddRow(3)
		case Heading:
			m.AddAutoRow(text.NewCol(12, l, props.Text{Size: headingSize, Style: fontstyle.Bold, Top: 2}))
		case Item:
			m.AddAutoRow(text.NewCol(12, "• "+l, props.Text{Left: 3}))
		case Quote:
			m.AddAutoRow(text.NewCol(12, l, props.Text{Left: 3, Style: fontstyle.Bold}))
		default:
			m.AddAutoRow(text.NewCol(12, l))
		}
	}
	doc, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("cannot make the PDF: %w", err)
	}
	return doc.GetBytes(), nil
}
