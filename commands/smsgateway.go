package commands

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"anubhav/sms"
)

// smsGatewayCommand is `sms-gateway`: the system administrator's way, beside the dashboard,
// to set the HTTP bulk-SMS gateway that public replies go through.
func smsGatewayCommand(app core.App) *cobra.Command {
	var district string
	flags := map[string]*string{}
	cmd := &cobra.Command{
		Use:   "sms-gateway [--district CODE] [--url URL] [--method GET|POST] [--headers TEXT] [--body TEXT]",
		Short: "Shows or sets the SMS gateway (the deployment's, or one district's)",
		Long: "Without a setting, shows where the gateway sends (without its key). With --url, --method,\n" +
			"--headers or --body, sets them on the deployment's gateway, which every district uses unless\n" +
			"it has one of its own (--district CODE). URL, headers and body may hold {{mobile}},\n" +
			"{{mobile91}} and {{message}}; headers are 'Name: value' lines. Each district switches SMS\n" +
			"on or off itself in the console. Officers can never set a gateway: it decides where\n" +
			"citizens' mobiles go. --url '' removes a district's own gateway.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			changes := map[string]any{}
			for name, v := range flags {
				if cmd.Flags().Changed(name) {
					changes["sms_"+name] = *v
				}
			}
			if len(changes) > 0 {
				if err := sms.SetGateway(app, district, changes); err != nil {
					return err
				}
			}
			where, err := sms.DescribeGateway(app, district)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), where)
			return nil
		},
	}
	cmd.Flags().StringVar(&district, "district", "", "a district's code, for a gateway of its own")
	for name, help := range map[string]string{
		"url": "the provider's address", "method": "GET or POST", "headers": "'Name: value' lines", "body": "the POST body",
	} {
		flags[name] = cmd.Flags().String(name, "", help)
	}
	return cmd
}
