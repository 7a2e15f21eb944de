package export

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// neutral keeps a spreadsheet from reading a text as a formula: a cell that begins with =,
// +, -, @, a tab or a carriage return gets a leading apostrophe, as OWASP's advice on CSV
// injection has it. Citizens write the comments, so every text cell passes through here.
func neutral(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func toString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// Formats of dates: ISO in CSV files, and the same look in XLSX's number formats.
const (
	dayLayout    = time.DateOnly
	momentLayout = "2006-01-02 15:04"
	dayFormat    = "yyyy-mm-dd"
	momentFormat = "yyyy-mm-dd hh:mm"
)

// text is a cell as CSV writes it.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return neutral(v)
	case int:
		return strconv.Itoa(v)
	case day:
		return time.Time(v).Format(dayLayout)
	case moment:
		return time.Time(v).Format(momentLayout)
	}
	return neutral(fmt.Sprint(v))
}
