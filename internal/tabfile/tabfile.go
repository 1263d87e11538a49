// Package tabfile reads and writes the tables bookkeepers have: CSV in
// UTF-8 (with or without a BOM), GB18030/GBK (Excel's "CSV" on Chinese
// Windows) and UTF-16 (Excel's "Unicode text"), delimited by commas,
// semicolons or tabs, and .xlsx workbooks. Readers hand on UTF-8 text and
// the delimiter; what a column means is the caller's business.
package tabfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Options are what the user may say about a file.
type Options struct {
	Delimiter rune   // 0: detect from the header line
	Sheet     string // .xlsx: the sheet to read; "" the first
	XLSX      bool   // the file is a workbook (by its name); also detected by content
}

// Source is a table as UTF-8 delimited text.
type Source struct {
	R         io.Reader
	Comma     rune
	Encoding  string // UTF-8, GB18030, UTF-16, or xlsx
	Converted bool   // R is not the input as it was (decoded, or from a workbook)
}

// EncodingError refuses a file whose encoding is not one we can read.
type EncodingError struct{ Offset int }

func (e *EncodingError) Error() string {
	return fmt.Sprintf("the file is neither UTF-8 nor GB18030/GBK (byte %d)", e.Offset)
}

// SheetError names a sheet the workbook does not have.
type SheetError struct {
	Sheet  string
	Sheets []string
}

func (e *SheetError) Error() string {
	return fmt.Sprintf("the workbook has no sheet %q; its sheets are %s", e.Sheet, strings.Join(e.Sheets, ", "))
}

// sniff is how much of the file decides its encoding and delimiter.
const sniff = 64 << 10

// MaxXLSX bounds a workbook read into memory.
const MaxXLSX = 64 << 20

var zipMagic = []byte("PK\x03\x04")

// Open reads r's encoding and delimiter (or its first sheet) and returns the
// table as UTF-8 delimited text.
func Open(r io.Reader, opt Options) (*Source, error) {
	br := bufio.NewReaderSize(r, sniff)
	head, err := br.Peek(sniff)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if opt.XLSX || bytes.HasPrefix(head, zipMagic) {
		return openXLSX(br, opt)
	}
	src := &Source{R: br, Encoding: "UTF-8"}
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, _ = br.Discard(3)
		head = head[3:]
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		// ExpectBOM reads the byte order from the BOM and drops it; one
		// decoder for the sniffed head, another for the stream (a decoder
		// keeps whether it has seen the BOM).
		enc := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		src.R, src.Encoding, src.Converted = transform.NewReader(br, enc.NewDecoder()), "UTF-16", true
		head, _ = enc.NewDecoder().Bytes(head[:len(head)&^1])
	case !validPrefix(head):
		// Decode whole lines only: the window may end inside a character,
		// and a newline is never part of a GB18030 one.
		if i := bytes.LastIndexByte(head, '\n'); i > 0 && len(head) == sniff {
			head = head[:i+1]
		}
		dec := simplifiedchinese.GB18030.NewDecoder()
		h, err := dec.Bytes(head)
		if err != nil {
			return nil, &EncodingError{Offset: badOffset(head)}
		}
		if i := bytes.IndexRune(trimPartial(h), utf8.RuneError); i >= 0 {
			return nil, &EncodingError{Offset: badOffset(head)}
		}
		src.R, src.Encoding, src.Converted = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), "GB18030", true
		head = h
	}
	src.Comma = opt.Delimiter
	if src.Comma == 0 {
		src.Comma = Delimiter(head)
	}
	return src, nil
}

// validPrefix: b is UTF-8, but for a rune the sniff window cut in two.
func validPrefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for i := 1; i <= 3 && i < len(b); i++ {
		if utf8.Valid(b[:len(b)-i]) && !utf8.FullRune(b[len(b)-i:]) {
			return true
		}
	}
	return false
}

// trimPartial drops a trailing replacement a cut multi-byte sequence made.
func trimPartial(b []byte) []byte {
	if r, n := utf8.DecodeLastRune(b); r == utf8.RuneError && n > 0 {
		return b[:len(b)-n]
	}
	return b
}

func badOffset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// Delimiter picks among comma, semicolon and tab the one the header line
// (outside quotes) has most of; a comma when it has none.
func Delimiter(head []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(head) {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' || r == '\r' {
			break
		}
		if r == ',' || r == ';' || r == '\t' {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{'\t', ';'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// openXLSX reads one sheet of a workbook into CSV text.
func openXLSX(r io.Reader, opt Options) (*Source, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxXLSX+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxXLSX {
		return nil, fmt.Errorf("the workbook is larger than %d MiB", MaxXLSX>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	sheet := opt.Sheet
	if sheet == "" {
		if len(sheets) == 0 {
			return nil, errors.New("the workbook has no sheet")
		}
		sheet = sheets[0]
	} else if i, _ := f.GetSheetIndex(sheet); i < 0 {
		return nil, &SheetError{Sheet: sheet, Sheets: sheets}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for rows.Next() {
		// Raw values: a number is read as stored (113000, not "113,000"
		// or "¥113,000.00" as the cell's format would show it).
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		if err := w.Write(cells); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	w.Flush()
	return &Source{R: &out, Comma: ',', Encoding: "xlsx", Converted: true}, w.Error()
}

// CommaCSV is src as comma-delimited UTF-8 CSV that can be read twice, for
// readers that take nothing else; a plain UTF-8 comma file is passed as is.
func CommaCSV(src *Source, orig io.ReadSeeker) (io.ReadSeeker, error) {
	if !src.Converted && src.Comma == ',' {
		_, err := orig.Seek(0, io.SeekStart) // Open read ahead
		return orig, err
	}
	if src.Comma == ',' {
		b, err := io.ReadAll(src.R)
		return bytes.NewReader(b), err
	}
	r := csv.NewReader(src.R)
	r.Comma = src.Comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return bytes.NewReader(out.Bytes()), w.Error()
}
