// Package iou is the arithmetic of issued-currency values, exactly as
// rippled's (and chainsqld's) IOUAmount and STAmount do it: a 16-digit
// signed mantissa and a decimal exponent, normalized after every
// operation with truncation toward zero, sums within ±10 of the last
// place flushed to zero, and mulRatio's 128-bit ratio with its rounding
// rules — the operations the payment engine applies to trust line
// balances, limits, qualities and transfer rates.
//
// The ledger uses it for every trust line balance; protocol/codec holds
// the same numbers in its Amount (with a currency and issuer) and
// IssuedFromParts / FromAmount convert between the two.
//
//	a, _ := iou.Parse("30")
//	cost, _ := a.MulRatio(1_005_000_000, iou.QualityOne, true) // 30.15
//
// Values are comparable with ==: each number has one normalized form.
package iou
