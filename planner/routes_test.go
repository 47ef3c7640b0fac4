package planner

import (
	"strings"
	"testing"
)

// Each kind of plan, a denial noticed on 2027-10-31 (a month's end, before
// the leap day of 2028), an appeal filed 2027-11-01 before the service, and
// a decision upheld on 2027-12-15. Dates worked out by hand:
//
//	180 days from 2027-10-31: Nov 30 (30), Dec 31 (61), Jan 31 (92),
//	  Feb 29 (121), Mar 31 (152), Apr 28 (180) → 2028-04-28
//	6 months from 2027-10-31: April has 30 days → 2028-04-30
//	120 days: Jan 31 (92), Feb 28 (120) → 2028-02-28
//	60 days: Nov 30 (30), Dec 30 (60) → 2027-12-30
//	90 days: Dec 31 (61), Jan 29 (90) → 2028-01-29
//	from 2027-11-01: 30 days → 2027-12-01; 60 → 2027-12-31; 90 → 2028-01-30;
//	  7 → 2027-11-08; 14 → 2027-11-15; 3 → 2027-11-04
//	from 2027-12-15: 4 months → 2028-04-15; 60 days: Dec 31 (16), Jan 31
//	  (47), Feb 13 (60) → 2028-02-13; 90: Feb 29 (76), Mar 14 (90) →
//	  2028-03-14; 180: Mar 31 (107), Apr 30 (137), May 31 (168), Jun 12
//	  (180) → 2028-06-12
func TestAppealRoutesByPlanKind(t *testing.T) {
	notice, filed, decided := NewDate(2027, 10, 31), NewDate(2027, 11, 1), NewDate(2027, 12, 15)
	for _, tc := range []struct {
		kind               PlanKind
		file, decide, next Date
		first, decidePost  string
		nextAuto, noRights bool
	}{
		{kind: PlanEmployerInsured, file: NewDate(2028, 4, 28), decide: NewDate(2027, 12, 1), next: NewDate(2028, 4, 15), decidePost: "2027-12-31"},
		{kind: PlanEmployerSelfFunded, file: NewDate(2028, 4, 28), decide: NewDate(2027, 12, 1), next: NewDate(2028, 4, 15), decidePost: "2027-12-31"},
		{kind: PlanIndividual, file: NewDate(2028, 4, 28), decide: NewDate(2027, 12, 1), next: NewDate(2028, 4, 15), decidePost: "2027-12-31"},
		{kind: PlanGovernmentEmployer, file: NewDate(2028, 4, 28), decide: NewDate(2027, 12, 1), next: NewDate(2028, 4, 15), decidePost: "2027-12-31"},
		{kind: PlanFEHB, file: NewDate(2028, 4, 30), decide: NewDate(2027, 12, 1), next: NewDate(2028, 3, 14), decidePost: "2027-12-01",
			first: "reconsideration by the carrier"},
		{kind: PlanMedicare, file: NewDate(2028, 2, 28), decide: NewDate(2027, 12, 31), next: NewDate(2028, 6, 12), decidePost: "2027-12-31",
			first: "redetermination"},
		{kind: PlanMedicareAdvantage, file: NewDate(2027, 12, 30), decide: NewDate(2027, 12, 1), decidePost: "2027-12-31", nextAuto: true,
			first: "reconsideration by the plan"},
		{kind: PlanMedicarePartD, file: NewDate(2027, 12, 30), decide: NewDate(2027, 11, 8), next: NewDate(2028, 2, 13), decidePost: "2027-11-15",
			first: "redetermination by the plan"},
		{kind: PlanMedicaid, file: NewDate(2028, 1, 29), decide: NewDate(2028, 1, 30), decidePost: "2028-01-30", first: "fair hearing"},
		{kind: PlanMedicaidManagedCare, file: NewDate(2027, 12, 30), decide: NewDate(2027, 12, 1), next: NewDate(2028, 3, 14), decidePost: "2027-12-01",
			first: "appeal to the plan"},
		{kind: PlanShortTermOrMinistry, noRights: true},
	} {
		r := RouteOf(tc.kind)
		d := Denial{Notice: notice, Level: LevelInternal}
		if dl := d.FileDeadline(r); dl.Due != tc.file {
			t.Errorf("%s: file by %s, want %s", tc.kind, dl.Due, tc.file)
		} else if tc.first != "" && dl.What != "File the "+tc.first {
			t.Errorf("%s: %q", tc.kind, dl.What)
		}
		if tc.noRights {
			if d.Deadlines(r) != nil || !strings.Contains(d.NextStep(r, notice), "no appeal rights in federal law") {
				t.Errorf("%s: %v, %q", tc.kind, d.Deadlines(r), d.NextStep(r, notice))
			}
			continue
		}
		d.Filed = filed
		if dl := d.DecisionDeadline(r); dl.Due != tc.decide {
			t.Errorf("%s: decided by %s, want %s", tc.kind, dl.Due, tc.decide)
		}
		d.Urgency = PostService
		if dl := d.DecisionDeadline(r); dl.Due.String() != tc.decidePost {
			t.Errorf("%s: after the service, decided by %s, want %s", tc.kind, dl.Due, tc.decidePost)
		}
		d.Decision, d.Decided = DecisionUpheld, decided
		next := d.NextLevelDue(r)
		if next.Due != tc.next {
			t.Errorf("%s: next level by %s, want %s", tc.kind, next.Due, tc.next)
		}
		if step := d.NextStep(r, decided); tc.nextAuto && !strings.Contains(step, "must send the case to independent review itself") {
			t.Errorf("%s: %q", tc.kind, step)
		}
		if r.FileRule == nil || r.FileRule.Source == "" || r.Complaint == "" {
			t.Errorf("%s: no source or complaint", tc.kind)
		}
	}
}

// A plan whose kind is not recorded gets the rules of employer and
// marketplace plans, and says they are assumed; a course's plan decides
// its denial's route.
func TestRouteForACourse(t *testing.T) {
	if r := RouteOf(""); !r.Assumed || r.FileDays != 180 {
		t.Errorf("unknown: %+v", r)
	}
	f := PatientFile{Plans: []PlanRecord{{Key: Key{ID: "P"}, Kind: PlanMedicare}}, Courses: []CourseRecord{{Key: Key{ID: "C"}, PlanID: "P"}, {Key: Key{ID: "S"}}}}
	if r := f.RouteFor("C"); r.Kind != PlanMedicare || r.Assumed {
		t.Errorf("course C: %+v", r)
	}
	if r := f.RouteFor("S"); !r.Assumed {
		t.Errorf("a course with no plan: %+v", r)
	}
	for _, k := range PlanKinds {
		if !k.Valid() || RouteOf(k).Kind != k {
			t.Errorf("kind %q", k)
		}
	}
	if PlanKind("HMO").Valid() {
		t.Error("a kind carecost does not know is valid")
	}
}
