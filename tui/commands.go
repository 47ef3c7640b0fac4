package tui

import (
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// Store calls run as commands, each answering with a message that says
// which request it answers. A command captures what it needs and never
// reads the model.

type (
	patientsLoadedMsg struct {
		list []planner.PatientSummary
		err  error
	}
	patientLoadedMsg struct {
		file     planner.PatientFile
		programs []planner.Program
		err      error
		then     afterLoad
	}
	// refreshedMsg is a patient's records read again after someone else
	// changed them (Changed): shown if the patient is still open.
	refreshedMsg struct {
		id       planner.ID
		file     planner.PatientFile
		programs []planner.Program
		err      error
	}
	// savedMsg answers a save or delete: what to say, and whose records to
	// read again.
	savedMsg struct {
		status   string
		patient  planner.ID
		focus    planner.ID // the record saved first, to select once read again
		deleted  bool
		deleting bool // the action was a delete
		err      error
	}
	programsLoadedMsg struct {
		programs []planner.Program
		err      error
	}
	agendaLoadedMsg struct {
		items []planner.AgendaItem
		err   error
	}
)

// afterLoad is what to do once a patient is read.
type afterLoad int

const (
	openWorkspace afterLoad = iota
	editPatient
	openApproval   // the workspace, on the Approval tab (from the agenda)
	openAssistance // the workspace, on the Assistance tab (from the agenda)
)

func saveCmd(st Store, records []planner.Record, status string, patient planner.ID) tea.Cmd {
	return func() tea.Msg {
		err := st.Save(records...)
		var focus planner.ID
		if len(records) > 0 {
			focus = *records[0].RecordID()
		}
		return savedMsg{status: status, patient: patient, focus: focus, err: err}
	}
}

func deleteCmd(st Store, r planner.Record, status string, patient planner.ID) tea.Cmd {
	return func() tea.Msg {
		return savedMsg{status: status, patient: patient, deleted: r.RecordKind() == "patient", deleting: true, err: st.Delete(r)}
	}
}

func loadPatients(st Store) tea.Cmd {
	return func() tea.Msg {
		list, err := st.ListPatients()
		return patientsLoadedMsg{list, err}
	}
}

func loadPatient(st Store, id planner.ID, then afterLoad) tea.Cmd {
	return func() tea.Msg {
		f, programs, err := readPatient(st, id)
		return patientLoadedMsg{f, programs, err, then}
	}
}

// reloadChanged reads a patient's records again for refreshedMsg.
func reloadChanged(st Store, id planner.ID) tea.Cmd {
	return func() tea.Msg {
		f, programs, err := readPatient(st, id)
		return refreshedMsg{id, f, programs, err}
	}
}

// readPatient reads a patient's records and the catalog beside them.
func readPatient(st Store, id planner.ID) (planner.PatientFile, []planner.Program, error) {
	f, err := st.LoadPatient(id)
	if err != nil {
		return f, nil, err
	}
	programs, err := st.Programs()
	return f, programs, err
}

func loadPrograms(st Store) tea.Cmd {
	return func() tea.Msg {
		p, err := st.Programs()
		return programsLoadedMsg{p, err}
	}
}

// followedMsg is an agenda item done or put off, to be saved: the changed
// record and the words, or why it cannot be.
type followedMsg struct {
	record  planner.Record
	status  string
	patient planner.ID
	err     error
}

// followThrough reads the item's patient and works out what x (done) or z
// (snooze) changes.
func followThrough(st Store, it planner.AgendaItem, snooze bool, today planner.Date) tea.Cmd {
	return func() tea.Msg {
		f, err := st.LoadPatient(it.PatientID)
		if err != nil {
			return followedMsg{err: err}
		}
		r, status, err := f.FollowThrough(it, snooze, today)
		return followedMsg{record: r, status: status, patient: it.PatientID, err: err}
	}
}

func loadAgenda(st Store) tea.Cmd {
	return func() tea.Msg {
		items, err := st.Agenda()
		return agendaLoadedMsg{items, err}
	}
}
