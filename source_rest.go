package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/ldfallback/ldfallback/envset"
	"github.com/ldfallback/ldfallback/flagmeta"
	"github.com/ldfallback/ldfallback/internal/escape"
	"github.com/ldfallback/ldfallback/payload/restapi"
)

// restFlags are the LaunchDarkly REST API source's options (README "The
// REST API as a source"). --project turns it on: an API token in the
// environment alone changes nothing.
func restFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "project", Usage: "read the flags of the --environment keys of LaunchDarkly project `KEY` from the REST API (token in LD_API_TOKEN)"},
		&cli.StringFlag{Name: "api-token", EnvVars: []string{"LD_API_TOKEN"}, Usage: "REST API access `TOKEN` for --project (prefer the LD_API_TOKEN variable: a flag shows in ps)"},
		&cli.StringFlag{Name: "api-base-uri", EnvVars: []string{"LD_API_BASE_URI"}, Value: restapi.DefaultBaseURI, Usage: "REST API `URI`: " + restapi.DefaultBaseURI + ", EU " + restapi.EUBaseURI + ", federal " + restapi.FederalBaseURI},
	}
}

// loadRESTEnvironments is the LaunchDarkly REST API source (README "The REST
// API as a source"): with --project it reads the environments named by
// --environment (names) with the token and returns them (envset.New
// resolves them) with the project's flag metadata, archived flags included.
// Without --project it returns nothing, and --environment names
// environments whose SDK keys are in LD_SDK_KEY_<NAME>.
func loadRESTEnvironments(c *cli.Context, names []string) ([]*envset.Env, flagmeta.Set, error) {
	res, err := fetchREST(c, names)
	if err != nil || res == nil {
		return nil, nil, err
	}
	envs := make([]*envset.Env, 0, len(res.Envs))
	for _, e := range res.Envs {
		for _, w := range e.Payload.Warnings {
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: warning: %s: %s\n", escape.Terminal(oneLine(e.Source)), escape.Terminal(oneLine(w)))
		}
		envs = append(envs, &envset.Env{Name: e.Key, Source: e.Source, Payload: e.Payload})
	}
	return envs, res.Meta, nil
}

// fetchREST reads the environments envs of --project from the REST API; nil
// when --project is not given.
func fetchREST(c *cli.Context, envs []string) (*restapi.Result, error) {
	project := c.String("project")
	if project == "" {
		return nil, nil
	}
	token := c.String("api-token")
	if token == "" {
		return nil, usagef("--project %s: no API token: set LD_API_TOKEN (or --api-token) to a LaunchDarkly access token that can read the project", project)
	}
	if len(envs) == 0 {
		return nil, usagef("--project %s: name the environments to read with --environment KEY (repeatable)", project)
	}
	limit, err := maxPayloadSize(c)
	if err != nil {
		return nil, err
	}
	return restapi.Load(c.Context, restapi.Options{
		Token:          token,
		Project:        project,
		Environments:   envs,
		BaseURI:        c.String("api-base-uri"),
		Timeout:        c.Duration("timeout"),
		ConnectTimeout: c.Duration("connect-timeout"),
		Retries:        c.Int("retries"),
		MaxBodyBytes:   limit,
		UserAgent:      "ldfallback/" + version,
		Logf: func(format string, args ...any) {
			fmt.Fprintf(c.App.ErrWriter, "ldfallback: %s\n", escape.Terminal(fmt.Sprintf(format, args...)))
		},
	})
}
