package store

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"carecost/planner"
)

// The list index stores each PatientSummary in a compact form, so that listing
// 100,000 patients does not decode 100,000 JSON documents: "2", then the
// fields (name, status, next due, best, its net total, what it waits on),
// each ended by a unit separator (0x1F), which no field may hold, then the
// patient's agenda: a date, a kind and what is due, for each item. Format
// "1" had no field for what the best plan waits on.
const (
	summaryFormat = '2'
	fieldEnd      = 0x1F
)

func marshalSummary(s *planner.PatientSummary) []byte {
	b := make([]byte, 0, 64+len(s.Name)+len(s.Best)+len(s.BestWaits))
	b = append(b, summaryFormat, fieldEnd)
	for _, field := range []string{s.Name, s.Status, s.NextDue.String(), s.Best} {
		b = append(b, strings.Map(dropControl, field)...)
		b = append(b, fieldEnd)
	}
	b = strconv.AppendInt(b, int64(s.BestNet), 10)
	b = append(b, fieldEnd)
	b = append(b, strings.Map(dropControl, s.BestWaits)...)
	b = append(b, fieldEnd)
	for _, a := range s.Agenda[:min(len(s.Agenda), maxAgenda)] {
		b = append(b, a.Due.String()...)
		b = append(b, fieldEnd)
		b = append(b, strings.Map(dropControl, string(a.Kind))...)
		b = append(b, fieldEnd)
		b = append(b, strings.Map(dropControl, a.What)...)
		b = append(b, fieldEnd)
	}
	return b
}

// maxAgenda is how many of a patient's agenda items the index keeps: the
// earliest ones.
const maxAgenda = 100

// splitAgenda reads the agenda items of an index entry.
func splitAgenda(data []byte) ([]planner.AgendaItem, error) {
	return appendAgenda(nil, string(data))
}

// appendAgenda appends the agenda items held in data, an entry's tail; the
// items' text shares data's memory.
func appendAgenda(out []planner.AgendaItem, data string) ([]planner.AgendaItem, error) {
	for len(data) > 0 {
		i := strings.IndexByte(data, fieldEnd)
		if i < 0 {
			return out, errSummary
		}
		due, ok := indexDate(data[:i])
		data = data[i+1:]
		k := strings.IndexByte(data, fieldEnd)
		if !ok || k < 0 {
			return out, errSummary
		}
		kind := planner.AgendaKind(data[:k])
		data = data[k+1:]
		j := strings.IndexByte(data, fieldEnd)
		if j < 0 {
			return out, errSummary
		}
		out = append(out, planner.AgendaItem{Due: due, Kind: kind, What: data[:j]})
		data = data[j+1:]
	}
	return out, nil
}

// indexDate reads a date as the index writes it, YYYY-MM-DD, without
// allocating; anything else goes through ParseDate.
func indexDate(s string) (planner.Date, bool) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		n := func(t string) (int, bool) {
			v := 0
			for k := 0; k < len(t); k++ {
				if t[k] < '0' || t[k] > '9' {
					return 0, false
				}
				v = v*10 + int(t[k]-'0')
			}
			return v, true
		}
		y, ok1 := n(s[:4])
		m, ok2 := n(s[5:7])
		d, ok3 := n(s[8:])
		if ok1 && ok2 && ok3 && y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 28 {
			return planner.NewDate(y, time.Month(m), d), true
		}
	}
	d, err := planner.ParseDate(s)
	return d, err == nil
}

func dropControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}

var errSummary = errors.New("an index entry is not in the expected form")

// summaryFields are the parts of a stored PatientSummary, its text still in the
// stored bytes.
type summaryFields struct {
	name, status, best, waits []byte
	nextDue                   planner.Date
	bestNet                   planner.Money
	agenda                    []byte // the agenda items, for splitAgenda
}

func splitSummary(data []byte) (summaryFields, error) {
	var f summaryFields
	next := func() ([]byte, bool) {
		i := bytes.IndexByte(data, fieldEnd)
		if i < 0 {
			return nil, false
		}
		field := data[:i]
		data = data[i+1:]
		return field, true
	}
	format, ok := next()
	if !ok || len(format) != 1 || (format[0] != summaryFormat && format[0] != '1') {
		return f, errSummary
	}
	var fields [6][]byte
	n := len(fields)
	if format[0] == '1' {
		n-- // no field for what the best plan waits on
	}
	for i := range n {
		if fields[i], ok = next(); !ok {
			return f, errSummary
		}
	}
	f.waits = fields[5]
	f.name, f.status, f.best = fields[0], fields[1], fields[3]
	if len(fields[2]) > 0 {
		d, err := planner.ParseDate(string(fields[2]))
		if err != nil {
			return f, errSummary
		}
		f.nextDue = d
	}
	net, err := strconv.ParseInt(string(fields[4]), 10, 64)
	if err != nil {
		return f, errSummary
	}
	f.bestNet = planner.Money(net)
	f.agenda = data
	return f, nil
}

// sharedStatus returns the status text, sharing the strings of the known
// statuses rather than allocating one for each patient.
func sharedStatus(b []byte) string {
	for _, s := range knownStatuses {
		if string(b) == s {
			return s
		}
	}
	return string(b)
}

var knownStatuses = func() []string {
	out := []string{planner.NoCourseStatus}
	for s := planner.StatusUnknown; s.Valid(); s++ {
		out = append(out, s.String())
	}
	return out
}()
