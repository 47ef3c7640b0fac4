// Package tui is carecost's interactive app: a bubbletea program in which a
// patient, or an advocate beside one, records the insurance, the treatment
// course and the funding scenarios, and compares them.
//
// One root Model owns routing: the patient list, a patient's workspace with
// its tabs, and the overlays (help, glossary). Screens are plain structs
// whose strings are rendered once per change of their data or size. Every
// store call runs in a tea.Cmd and comes back as a typed message; Update
// never does I/O.
package tui

import "carecost/planner"

// Store is what the app needs from storage. The store package satisfies it;
// the command line hands one to New.
type Store interface {
	ListPatients() ([]planner.PatientSummary, error)
	LoadPatient(id planner.ID) (planner.PatientFile, error)
	Save(records ...planner.Record) error
	Delete(r planner.Record) error
	// Programs is the catalog of assistance programs.
	Programs() ([]planner.Program, error)
	// Agenda is what is open for every patient, by date.
	Agenda() ([]planner.AgendaItem, error)
	// NewID makes an ID for a record about to be saved, for records saved
	// together that refer to each other (a new course and its checklist).
	NewID() planner.ID
}

// Files writes the files the app makes, such as letters, whole or not at
// all; the command line hands the store's writer to New. WriteFile returns
// the full path written; an existing file is replaced only with replace,
// and otherwise the answer is an error matching fs.ErrExist.
type Files interface {
	WriteFile(path string, data []byte, replace bool) (string, error)
}
