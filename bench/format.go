package main

import (
	"strconv"
	"strings"
	"time"
)

// formatFloat writes f with at most prec decimals and no trailing zeros.
func formatFloat(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// formatCount writes n with thousands separated by commas: 1,234,567.
func formatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatRate writes a per-second rate with three significant digits
// below 1,000 and as a whole number above.
func formatRate(r float64) string {
	switch {
	case r >= 1000:
		return formatCount(int64(r + 0.5))
	case r >= 100:
		return formatFloat(r, 0)
	case r >= 10:
		return formatFloat(r, 1)
	default:
		return formatFloat(r, 2)
	}
}

// formatDuration writes a duration in the unit that suits it: µs below a
// millisecond, ms with one decimal below a second, seconds with two
// decimals above.
func formatDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return formatFloat(float64(d)/float64(time.Microsecond), 1) + " µs"
	case d < time.Second:
		return formatFloat(float64(d)/float64(time.Millisecond), 1) + " ms"
	default:
		return formatFloat(d.Seconds(), 2) + " s"
	}
}

// formatBytes writes a size in KiB, MiB or GiB.
func formatBytes(n uint64) string {
	const k = 1024
	switch {
	case n < k*k:
		return formatFloat(float64(n)/k, 1) + " KiB"
	case n < k*k*k:
		return formatFloat(float64(n)/(k*k), 1) + " MiB"
	default:
		return formatFloat(float64(n)/(k*k*k), 2) + " GiB"
	}
}

// formatRatio writes a ratio as a percentage.
func formatRatio(r float64) string {
	return formatFloat(100*r, 1) + " %"
}
