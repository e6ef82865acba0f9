package gmdata

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"strings"
)

// The text of the files: chainsqld's "= " after each label and CRLF
// line ends.
const (
	separator = "= "
	newline   = "\r\n"
)

// textWriter writes the lines of records; a write error sticks in the
// bufio.Writer and is returned by its Flush.
type textWriter struct{ w *bufio.Writer }

// hex writes "label= HEX".
func (t *textWriter) hex(label string, b []byte) {
	t.w.WriteString(label + separator)
	t.w.WriteString(strings.ToUpper(hex.EncodeToString(b)))
	t.w.WriteString(newline)
}

// length writes "label= %08x", a length as chainsqld prints it.
func (t *textWriter) length(label string, n int) {
	fmt.Fprintf(t.w, "%s%s%08x%s", label, separator, n, newline)
}

// end ends a record with an empty line.
func (t *textWriter) end() { t.w.WriteString(newline) }

// Field is one line of a record.
type Field struct{ Label, Text string }

// Record is one record of a test data file, its fields in order.
type Record []Field

// Labels are the record's labels in order.
func (r Record) Labels() []string {
	labels := make([]string, len(r))
	for i, f := range r {
		labels[i] = f.Label
	}
	return labels
}

// Text is the text of the field labelled label ("" if none).
func (r Record) Text(label string) string {
	for _, f := range r {
		if f.Label == label {
			return f.Text
		}
	}
	return ""
}

// Parse reads the records of a test data file, as a lab reads them
// back: records ended by an empty line, each line "label= text" ended
// by CRLF.
func Parse(data []byte) ([]Record, error) {
	text := string(data)
	if text == "" {
		return nil, nil
	}
	body, ok := strings.CutSuffix(text, newline+newline)
	if !ok {
		return nil, fmt.Errorf("gmdata: the file does not end with an empty line")
	}
	var recs []Record
	for i, block := range strings.Split(body, newline+newline) {
		var rec Record
		for _, line := range strings.Split(block, newline) {
			label, text, ok := strings.Cut(line, separator)
			if !ok || label == "" {
				return nil, fmt.Errorf("gmdata: record %d: line %q is not \"label= text\"", i, line)
			}
			rec = append(rec, Field{label, text})
		}
		recs = append(recs, rec)
	}
	return recs, nil
}
