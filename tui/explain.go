package tui

import "strings"

// fieldTerms names the glossary term behind a form field, by the field's
// key (without a way-to-pay slot's "s1" prefix or a phase's "ph1"), so that
// ? on the field explains it. A way to pay names its own (fundingKind.terms).
var fieldTerms = map[string]string{
	"inDed": "Deductible", "outDed": "Deductible", "inDedMet": "Deductible", "outDedMet": "Deductible",
	"inCoins": "Coinsurance", "outCoins": "Coinsurance",
	"inCopay": "Copay", "inRule": "Copay",
	"inOOP": "Out-of-pocket maximum", "outOOP": "Out-of-pocket maximum", "inOOPMet": "Out-of-pocket maximum",
	"In": "Allowed amount", "Out": "Allowed amount", "feeIn": "Allowed amount", "feeOut": "Allowed amount",
	"Billed": "Balance billing", "feeBilled": "Balance billing",
	"hsa":    "HSA/FSA",
	"income": "FPL", "household": "FPL",
	"lag": "Superbill", "case": "Superbill",
}

// termFor returns the glossary entry for a form field's key, if it has one.
func termFor(fieldKey string) (Term, bool) {
	k := fieldKey
	for _, prefix := range []string{"s1", "s2", "s3", "s4", "ph1", "ph2", "ph3"} {
		if rest, ok := strings.CutPrefix(k, prefix); ok && rest != "" {
			k = rest
			break
		}
	}
	name, ok := fieldTerms[k]
	for i := 0; !ok && i < len(fundingKinds); i++ {
		name, ok = fundingKinds[i].terms[k]
	}
	if !ok {
		return Term{}, false
	}
	for _, t := range Glossary {
		if t.Name == name {
			return t, true
		}
	}
	return Term{}, false
}
