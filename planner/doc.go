// Package planner is carecost's domain: what a course of treatment costs under
// a patient's insurance, and every way to pay what insurance won't.
//
// It is pure Go: no I/O, no terminal, no database. Every figure the app shows
// is a function of planner values, so it can be tested to the cent without a
// screen.
//
// The vocabulary:
//   - [Money] is an amount in whole cents; [Rate] an exact decimal share
//     (APR, coinsurance, fees, tax rate); [Date] a calendar day.
//   - A [Plan] holds a patient's insurance cost sharing; a [Course] the
//     treatment: phases of dated sessions and one-time fees, with their prices.
//   - A [Scenario] prices a course under one [Coverage] case and pays the
//     patient's part with an ordered list of [FundingSource]s.
//   - [Evaluate] turns a scenario into a [Result]: per-session cost-sharing
//     lines, a month-by-month timeline, a [Summary] and plain-word [Flag]s.
//     [Compare] ranks several.
//   - The fight for approval: [PreAuthorization], [ChecklistItem], [Contact],
//     [Denial] and [GoodFaithEstimate] records, the deadlines the law sets
//     ([Deadline], each from a [Rule] with its year and source), and a
//     patient's [PatientFile.Agenda] of what is due.
//   - Help with the cost: HHS poverty guidelines ([PovertyGuideline]), the
//     [Program] catalog, [Screen]ing a patient against it, and
//     [Application]s that become grants ([GrantSource]).
//
// Rounding: see [roundHalfUp], the one rule every charge goes through.
package planner
