package tui

import (
	tea "charm.land/bubbletea/v2"

	"carecost/planner"
)

// Store calls run as commands, each answering with a message that says
// which request it answers. A command captures what it needs and never
// reads the model.

type (
	// patientsLoadedMsg is the patient list, or its first page (more).
	patientsLoadedMsg struct {
		list  []planner.PatientSummary
		more  bool                  // only the first page: the rest is read next
		names map[planner.ID]string // each listed patient's name, made off the key loop
		keys  []string              // each one's name as the filter finds it (searchKey)
		err   error
	}
	// summariesMsg is the list entries of patients whose records changed:
	// those not in it are gone from the list (deleted, or no longer
	// readable).
	summariesMsg struct {
		ids  []planner.ID
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
	// agendaLoadedMsg is the agenda's first items, from the start, and
	// the catalog's funds to check again; agendaMoreMsg is the items that
	// follow those read, when the cursor nears the last one.
	agendaLoadedMsg struct {
		items     []planner.AgendaItem
		next      string // where the items that follow begin; "" when none do
		reminders []planner.AgendaItem
		err       error
	}
	agendaMoreMsg struct {
		next  string
		read  int // which read of the agenda it follows
		items []planner.AgendaItem
		err   error
	}
)

// firstPatients is how many patients the first frame reads: more than any
// window shows, far fewer than a large file holds.
const firstPatients = 200

// agendaPage is how many agenda items are read at a time.
const agendaPage = 200

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

// loadFirstPatients reads the first page of the list, by name, for the
// first frame; loadPatients reads it whole.
func loadFirstPatients(st Store) tea.Cmd {
	return func() tea.Msg {
		return listLoaded(st.FirstPatients(firstPatients))
	}
}

func loadPatients(st Store) tea.Cmd {
	return func() tea.Msg {
		list, err := st.ListPatients()
		return listLoaded(list, false, err)
	}
}

// listLoaded is a list read, with what the key loop finds its patients by,
// made off the key loop; more says it is the first page of the list.
func listLoaded(list []planner.PatientSummary, more bool, err error) patientsLoadedMsg {
	return patientsLoadedMsg{list: list, more: more, names: namesOf(list), keys: searchKeys(list), err: err}
}

// searchKeys is each patient's name as the filter finds it.
func searchKeys(list []planner.PatientSummary) []string {
	keys := make([]string, len(list))
	for i := range list {
		keys[i] = searchKey(list[i].Name)
	}
	return keys
}

func namesOf(list []planner.PatientSummary) map[planner.ID]string {
	names := make(map[planner.ID]string, len(list))
	for _, s := range list {
		names[s.ID] = s.Name
	}
	return names
}

// loadSummaries reads the list entries of patients whose records changed.
func loadSummaries(st Store, ids ...planner.ID) tea.Cmd {
	return func() tea.Msg {
		list, err := st.Summaries(ids...)
		return summariesMsg{ids, list, err}
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

// loadAgenda reads the agenda's first n items (at least a page) and the
// catalog's funds to check again.
func loadAgenda(st Store, n int) tea.Cmd {
	return func() tea.Msg {
		items, next, err := st.AgendaPage("", max(n, agendaPage))
		if err != nil {
			return agendaLoadedMsg{err: err}
		}
		programs, err := st.Programs()
		return agendaLoadedMsg{items: items, next: next, reminders: planner.FundReminders(programs), err: err}
	}
}

func loadMoreAgenda(st Store, after string, read int) tea.Cmd {
	return func() tea.Msg {
		items, next, err := st.AgendaPage(after, agendaPage)
		return agendaMoreMsg{next: next, read: read, items: items, err: err}
	}
}
