// Package tui is carecost's interactive app: a bubbletea program in which a
// patient, or an advocate beside one, records the insurance, the treatment
// course and the funding scenarios, and compares them.
//
// One root Model owns routing. Under it lie the screens (the patient list,
// the agenda, a patient's workspace with its tabs, each tab a type of its
// own); over them, a stack of modals (forms, questions, help, the
// glossary, the rules, a letter, the programs catalog). The top modal sees
// messages first; modals, screens and tabs return typed actions that the
// root applies, and share one context (styles, keys, size, today, modes).
// The window is drawn once per change; drawing changes nothing. Every store
// call runs in a tea.Cmd and comes back as a typed message; Update never
// does I/O, and the app writes files only through the Files it is given.
package tui

import (
	"errors"

	"carecost/planner"
)

// Store is what the app needs from storage. The store package satisfies it;
// the command line hands one to New.
type Store interface {
	// ListPatients is every patient, sorted by planner.ComparePatients.
	ListPatients() ([]planner.PatientSummary, error)
	// FirstPatients is the list's first n, and whether more follow: what
	// the first frame shows, at a cost that does not grow with the file.
	FirstPatients(n int) ([]planner.PatientSummary, bool, error)
	// Summaries is the list entries of the patients named, leaving out
	// those no longer there.
	Summaries(ids ...planner.ID) ([]planner.PatientSummary, error)
	LoadPatient(id planner.ID) (planner.PatientFile, error)
	Save(records ...planner.Record) error
	Delete(r planner.Record) error
	// Programs is the catalog of assistance programs.
	Programs() ([]planner.Program, error)
	// AgendaPage is up to n of what is open for every patient, by date,
	// from the position after ("" for the start), and the position of
	// what follows ("" when nothing does). It may give more than n. The
	// catalog's funds to check again are not in it.
	AgendaPage(after string, n int) ([]planner.AgendaItem, string, error)
	// NewID makes an ID for a record about to be saved, for records saved
	// together that refer to each other (a new course and its checklist).
	NewID() planner.ID
}

// Files writes the files the app makes, such as letters, whole or not at
// all; the command line hands the store's writer to New. WriteFile returns
// the full path written; an existing file is replaced only with replace,
// and otherwise the answer is an error matching fs.ErrExist. An error with
// a Written method that says true reports a file written whole, with
// something else that went wrong.
type Files interface {
	WriteFile(path string, data []byte, replace bool) (string, error)
}

// isDamage reports whether a store's error says the file is damaged where
// the record is kept (the store's errors say so with a Damaged method), as
// opposed to a record that is not there or a file in use.
func isDamage(err error) bool {
	var d interface{ Damaged() bool }
	return errors.As(err, &d) && d.Damaged()
}
