package export

import (
	"fmt"
	"strconv"
	"time"

	"anubhav/spreadsheet"
)

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
		return spreadsheet.Neutral(v)
	case int:
		return strconv.Itoa(v)
	case day:
		return time.Time(v).Format(dayLayout)
	case moment:
		return time.Time(v).Format(momentLayout)
	}
	return spreadsheet.Neutral(fmt.Sprint(v))
}
