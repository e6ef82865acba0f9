package projections

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Digest returns a SHA-256 over the whole store: every table, ordered by
// name, with its schema and every row, ordered by all its columns, each
// value tagged with its type. Two stores have the same Digest when they
// hold the same tables, schemas and rows, whatever order or connection
// wrote them: a store rebuilt from the log must match the live one.
func (p *Projection) Digest(ctx context.Context) ([32]byte, error) {
	if err := p.enter("digest"); err != nil {
		return [32]byte{}, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	t, err := p.b.Writer().BeginTx(ctx, nil)
	if err != nil {
		return [32]byte{}, fmt.Errorf("projections: digest: %w", err)
	}
	defer rollback(t)
	h := sha256.New()
	tables, err := listTables(ctx, t)
	if err != nil {
		return [32]byte{}, fmt.Errorf("projections: digest: %w", err)
	}
	for _, name := range tables {
		s, _, err := loadSchema(ctx, t, name)
		if err != nil {
			return [32]byte{}, fmt.Errorf("projections: digest: %w", err)
		}
		text, err := s.encode()
		if err != nil {
			return [32]byte{}, fmt.Errorf("projections: digest: %w", err)
		}
		hashField(h, 't', []byte(name))
		hashField(h, 's', []byte(text))
		// The columns by name, not *: a server store caches a
		// statement's plan, and * would name other columns after a
		// schema change.
		cols := make([]string, len(s.Columns))
		order := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			cols[i], order[i] = quote(c.Field), strconv.Itoa(i+1)
		}
		rows, err := t.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+p.d.Table(name)+" ORDER BY "+strings.Join(order, ", "))
		if err != nil {
			return [32]byte{}, fmt.Errorf("projections: digest %s: %w", name, err)
		}
		lines, err := scanRows(rows)
		if err != nil {
			return [32]byte{}, fmt.Errorf("projections: digest %s: %w", name, err)
		}
		for _, row := range lines {
			h.Write([]byte{'r'})
			for _, v := range row {
				hashValue(h, v)
			}
		}
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum, nil
}

// hashField writes a tagged, length-prefixed field.
func hashField(h interface{ Write([]byte) (int, error) }, tag byte, b []byte) {
	var hdr [5]byte
	hdr[0] = tag
	binary.BigEndian.PutUint32(hdr[1:], uint32(len(b)))
	h.Write(hdr[:])
	h.Write(b)
}

// hashValue writes one SQL value with its type.
func hashValue(h interface{ Write([]byte) (int, error) }, v any) {
	var b [8]byte
	switch t := v.(type) {
	case nil:
		h.Write([]byte{'n'})
	case int64:
		binary.BigEndian.PutUint64(b[:], uint64(t))
		hashField(h, 'i', b[:])
	case float64:
		binary.BigEndian.PutUint64(b[:], math.Float64bits(t))
		hashField(h, 'f', b[:])
	case string:
		hashField(h, 's', []byte(t))
	case []byte:
		hashField(h, 'b', t)
	default:
		hashField(h, '?', []byte(fmt.Sprint(t)))
	}
}
