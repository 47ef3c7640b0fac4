package report

import (
	"strings"

	"carecost/planner"
)

// blank is where an answer is written by hand.
const blank = "________________________________"

// CallScript is a page to keep at hand during a call to the insurer, the
// clinic or an assistance program: who is calling about what, then the
// questions this case calls for, each with room for the answer, and what
// to write down before hanging up. It is text of at most 80 columns, to
// print.
func CallScript(f *planner.PatientFile, party planner.Party, today planner.Date) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	ask := func(q string) { line("[ ] " + q); line("    " + blank) }
	who := map[planner.Party]string{planner.PartyInsurer: "the insurer", planner.PartyClinic: "the clinic", planner.PartyProgram: "an assistance program"}[party]
	if who == "" {
		who = "the " + string(party)
	}
	line("Call script: " + f.Patient.Name + ", calling " + who)
	line("Prepared " + today.String() + ". Date and time of the call: " + blank)
	line("")
	line("Before the call: have the member ID, the notices and the dates below at hand.")
	for _, p := range f.Plans {
		id := "member ID " + orBlank(p.MemberID)
		if p.Group != "" {
			id += ", group " + p.Group
		}
		line("Plan: " + strings.TrimSpace(p.Insurer+" "+p.Name) + ", " + id)
	}
	for _, c := range f.Courses {
		line("Treatment: " + c.Name + " (" + c.Status.String() + "), " + c.Start.String() + " on")
	}
	line("")
	switch party {
	case planner.PartyInsurer:
		line("Say who you are, the member ID, and that you are calling about the treatment above.")
		line("")
		for _, c := range f.Courses {
			ask("Is " + c.Name + " covered under this plan for the patient's condition? If not, under which policy is it excluded?")
			ask("Is it billed under the medical benefit or the pharmacy benefit? Which tier?")
			ask("Is prior authorization needed for " + c.Name + "? Which criteria and which form, and who sends it?")
		}
		for _, d := range f.Denials {
			if d.Decision != planner.DecisionNone {
				continue
			}
			ref := ""
			if d.Reference != "" {
				ref = ", claim or case " + d.Reference
			}
			if !d.Filed.IsZero() {
				ask("The appeal filed " + d.Filed.String() + ref + ": has it been decided? By when must it be?")
			} else {
				ask("The denial of " + d.Notice.String() + ref + ": what is the last day to appeal, and where is it sent?")
			}
		}
		for _, p := range f.PreAuthorizations {
			if p.Status == planner.PreAuthPending || p.Status == planner.PreAuthSubmitted {
				ask("The pre-authorization" + dated(" submitted ", p.Submitted) + refOf(p.Reference) + ": when will it be decided?")
			}
		}
		ask("How much of the deductible and the out-of-pocket maximum is met this plan year?")
		ask("Which providers near the patient are in network for this treatment?")
	case planner.PartyClinic:
		line("Say who you are and which patient, and that you are planning how to pay for the treatment.")
		line("")
		ask("What is the itemized price per session (the drug, the visit, the monitoring), and is there a package or cash price?")
		ask("Which billing codes (CPT, HCPCS) and diagnosis codes will the claims carry?")
		ask("Does the clinic bill the insurer (in network?) or give a superbill to send in?")
		ask("Is there a payment plan: how many months, any fee or interest?")
		ask("Can you send a Good Faith Estimate in writing (for a patient paying without insurance)?")
		ask("Will the prescriber write a letter of medical necessity, and by when?")
	case planner.PartyProgram:
		line("Say who you are and which patient, and which fund or program you are asking about.")
		line("")
		ask("Is the fund open now? If closed, when does it reopen?")
		ask("Who is eligible: the income limit, insurance required or not, which diagnoses, off-label use or not?")
		ask("Which documents are needed, and how are they sent?")
		ask("How long does a decision take, and does it pay the clinic or pay the patient back?")
		for _, a := range f.Applications {
			if a.Status == planner.ApplicationApplied {
				to := ""
				if name := f.ProgramNames[a.ProgramID]; name != "" {
					to = " to " + name
				}
				ask("The application" + to + dated(" sent ", a.Applied) + ": where does it stand?")
			}
		}
	default:
		ask("What is the question, and who can answer it?")
	}
	line("")
	line("Before hanging up:")
	line("[ ] The name of the person you spoke to: " + blank)
	line("[ ] The call's reference number: " + blank)
	line("[ ] \"Please send that in writing\" (a letter or an email): asked?  yes / no")
	line("[ ] What happens next, and by when: " + blank)
	line("")
	line("Log the call in carecost (c on the Approval tab) so its follow-up is on the agenda.")
	return Fit(planner.Printable(b.String()), PageWidth)
}

// dated is " sent 2026-11-10" for a date, nothing for none.
func dated(verb string, d planner.Date) string {
	if d.IsZero() {
		return ""
	}
	return verb + d.String()
}

func orBlank(s string) string {
	if s == "" {
		return "__________"
	}
	return s
}

func refOf(r string) string {
	if r == "" {
		return ""
	}
	return " (reference " + r + ")"
}
