package tui

import "strings"

// Term is one entry of the glossary: a word of insurance or finance, said
// plainly.
type Term struct {
	Name, Meaning string
}

// Glossary explains every insurance and finance term the app shows, in one
// or two plain sentences.
var Glossary = []Term{
	{"Deductible", "What you pay each plan year before the plan starts to share the cost. It starts over when the plan year does."},
	{"Coinsurance", "Your share of each bill after the deductible, as a percentage: 20% means you pay $20 of every $100 and the plan pays $80."},
	{"Copay", "A fixed amount you pay for a visit or service, like $40, instead of or before the deductible."},
	{"Out-of-pocket maximum", "The most you pay in a plan year for covered care. After it, the plan pays everything covered. Balance bills do not count toward it."},
	{"Allowed amount", "The price your plan accepts for a service. Your deductible and coinsurance are worked out on it, not on the provider's full charge."},
	{"Balance billing", "When a provider outside your network bills you for the difference between its full charge and the plan's allowed amount."},
	{"Superbill", "A detailed receipt from a provider that you send to your plan to be paid back for out-of-network care you paid for yourself."},
	{"Copay program", "A drug maker's help with your share of the cost of its drug, up to a yearly maximum. It is for commercial plans only, never Medicare or Medicaid; a plan with a copay accumulator does not count what it pays toward your deductible."},
	{"Deferred interest", "A card promotion of \"no interest if paid in full\": interest builds up unseen on each purchase, and a purchase not paid in full when its promotion ends is charged all of its interest at once."},
	{"APR", "Annual percentage rate: the yearly cost of borrowing. \"APR with fees\" also counts fees, like an origination fee, so loans can be compared fairly."},
	{"Origination fee", "A fee a lender charges for making a loan, as a share of it. It is usually taken out of what you receive, so you borrow more than you get."},
	{"HSA/FSA", "Health savings or flexible spending accounts: money set aside before tax for care. Paying with them saves roughly your tax rate on what you spend."},
	{"FPL", "Federal poverty level: the government's yearly income guideline by household size. Assistance programs often set their limits as a percentage of it."},
	{"Net total", "What the course costs you in all: your share of the care, plus interest and fees, minus estimated tax savings, counting anything no source pays."},
	{"Unfunded gap", "The part of the cost that none of a scenario's ways to pay covers. It is still owed, so it counts in the net total."},
}

// newGlossary shows every term of the glossary.
func newGlossary() *textOverlay {
	return &textOverlay{text: glossaryText}
}

func glossaryText(c *context, w int) string {
	var b strings.Builder
	b.WriteString(c.styles.Title.Render("Glossary") + "  (esc closes)\n\n")
	for _, t := range Glossary {
		b.WriteString(c.styles.Title.Render(t.Name) + "\n")
		b.WriteString(wrap(t.Meaning, max(10, w-2), "  ") + "\n")
	}
	return b.String()
}
