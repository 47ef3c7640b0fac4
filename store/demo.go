package store

import "carecost/planner"

// AddDemo saves the planner's fictional demo, in one transaction: its four
// programs into the catalog, and the patient with everything of theirs,
// including an application to one of the programs. It returns the
// patient's ID. It is what `carecost --demo` fills its throwaway file with.
func (db *DB) AddDemo() (planner.ID, error) {
	f, catalog := planner.DemoFileWithCatalog(NewID)
	records := make([]planner.Record, 0, len(catalog)+1+len(f.Children()))
	// Programs first: the application refers to one.
	for i := range catalog {
		records = append(records, &catalog[i])
	}
	records = append(records, &f.Patient)
	return f.Patient.ID, db.Save(append(records, f.Children()...)...)
}
