package planner

import "math/bits"

// roundHalfUp returns x × num / den rounded to the nearest whole cent, halves
// away from zero (so $0.005 becomes $0.01 and -$0.005 becomes -$0.01). den must
// be positive.
//
// This is carecost's one rounding rule. It is applied once at each charge:
// each claim's coinsurance, each month's interest, each payment, each fee and
// each share of a grant. Totals are sums of rounded charges, never rounded
// again, so every total on screen is the sum of the lines above it.
//
// The product is formed in 128 bits, so any amount the app accepts times any
// rate it accepts is exact. A quotient that would not fit in int64 saturates
// at the int64 limits; callers bound their inputs far below that.
func roundHalfUp(x, num, den int64) int64 {
	negative := (x < 0) != (num < 0)
	ux, un := abs64(x), abs64(num)
	hi, lo := bits.Mul64(ux, un)
	d := uint64(den)
	if hi >= d {
		if negative {
			return -1 << 63
		}
		return 1<<63 - 1
	}
	q, r := bits.Div64(hi, lo, d)
	if r >= d-r { // r ≥ d/2 without overflow: round the half away from zero
		q = saturatingInc(q)
	}
	if negative {
		return -int64(min(q, 1<<63)) // 1<<63 wraps to math.MinInt64, as it should
	}
	return int64(min(q, 1<<63-1))
}

func saturatingInc(q uint64) uint64 {
	if q == 1<<64-1 {
		return q
	}
	return q + 1
}

// fitsProduct reports whether x × num, for x and num of the sizes money and
// rates come in (non-negative, x under 2^40 cents — $10 billion — and num
// under 2^22 millionths — 419%), fits in int64 with room to round.
func fitsProduct(x, num int64) bool {
	return x >= 0 && x < 1<<40 && num >= 0 && num < 1<<22
}

// roundHalfUpSmall is roundHalfUp for a non-negative product that fits in
// int64 (see fitsProduct): the same rule, with one native division, which
// the compiler turns into a multiplication when den is a constant.
func roundHalfUpSmall(product, den int64) int64 {
	return (product + den/2) / den
}

// ceilDiv returns x / den rounded up, for non-negative x and positive den.
func ceilDiv(x, den int64) int64 {
	return (x + den - 1) / den
}

func abs64(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// mulDivUp returns x × num / den rounded up, for non-negative x and num and
// positive den, formed in 128 bits like roundHalfUp. It sizes a loan so its
// proceeds cover a need: rounding up is the one direction that never leaves
// the patient a cent short.
func mulDivUp(x, num, den int64) int64 {
	hi, lo := bits.Mul64(uint64(x), uint64(num))
	d := uint64(den)
	if hi >= d {
		return 1<<63 - 1
	}
	q, r := bits.Div64(hi, lo, d)
	if r > 0 {
		q = saturatingInc(q)
	}
	return int64(min(q, 1<<63-1))
}
