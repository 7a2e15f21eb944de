package sms

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// SetGateway sets the SMS gateway of the deployment (district "") or of one district (by
// code), for the system administrator: only the given fields change, each checked as the
// dashboard checks it. No officer has a way to this: the gateway decides where citizens'
// mobiles go.
func SetGateway(app core.App, district string, changes map[string]any) error {
	row, err := gatewayRow(app, district)
	if err != nil {
		return err
	}
	for name, v := range changes {
		row.Set(name, v)
	}
	return app.Save(row)
}

// DescribeGateway tells where a gateway sends, without its key (the query string and the
// header values are left out).
func DescribeGateway(app core.App, district string) (string, error) {
	row, err := gatewayRow(app, district)
	if err != nil {
		return "", err
	}
	raw := row.GetString("sms_url")
	if raw == "" {
		if district == "" {
			return "no SMS gateway: replies are read on /track only", nil
		}
		return "no gateway of its own: the deployment's is used", nil
	}
	where := raw
	if u, err := url.Parse(raw); err == nil {
		where = u.Scheme + "://" + u.Host + u.Path
	}
	var names []string
	for _, line := range strings.Split(row.GetString("sms_headers"), "\n") {
		if name, _, ok := strings.Cut(line, ":"); ok {
			names = append(names, strings.TrimSpace(name))
		}
	}
	method := row.GetString("sms_method")
	if method == "" {
		method = "GET"
	}
	return fmt.Sprintf("%s %s (headers: %s)", method, where, strings.Join(names, ", ")), nil
}

func gatewayRow(app core.App, districtCode string) (*core.Record, error) {
	if districtCode == "" {
		return app.FindFirstRecordByFilter(schema.Config, "district = ''")
	}
	area, err := app.FindFirstRecordByFilter(schema.Areas, "code = {:code} && kind = 'district'", map[string]any{"code": districtCode})
	if err != nil {
		return nil, fmt.Errorf("no district has the code %q", districtCode)
	}
	row, err := app.FindFirstRecordByData(schema.Config, "district", area.Id)
	if err != nil {
		return nil, fmt.Errorf("district %q has no settings yet: %w", districtCode, err)
	}
	return row, nil
}
