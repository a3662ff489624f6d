package proxmox

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	pxapi "github.com/Telmate/proxmox-api-go/proxmox"
)

// APIError is a failed PVE API call, with the HTTP status and PVE's message.
type APIError struct {
	Method, Path string
	Status       int
	Message      string
	Errors       map[string]string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: ", e.Method, e.Path)
	if e.Status != 0 {
		fmt.Fprintf(&b, "HTTP %d ", e.Status)
	}
	msg := strings.TrimSpace(e.Message)
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	b.WriteString(msg)
	for k, v := range e.Errors {
		fmt.Fprintf(&b, "; %s: %s", k, strings.TrimSpace(v))
	}
	switch e.Status {
	case http.StatusUnauthorized:
		b.WriteString(" (authentication failed: check the API token or the username/password)")
	case http.StatusForbidden:
		b.WriteString(" (the token or user lacks a privilege for this call: grant it on the path named above, " +
			"and for tokens with privilege separation also to the token itself)")
	}
	return b.String()
}

// NotFound reports whether the error means the object does not exist.
func NotFound(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	if e.Status == http.StatusNotFound {
		return true
	}
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "does not exist") || strings.Contains(m, "no such")
}

func describeAPIError(err error) string {
	var apiErr *pxapi.ApiError
	if errors.As(err, &apiErr) {
		s := apiErr.Code + " " + apiErr.Message
		for k, v := range apiErr.Errors {
			s += fmt.Sprintf("; %s: %v", k, v)
		}
		return strings.TrimSpace(s)
	}
	return err.Error()
}

// apiError turns the library's error (and the response body it kept) into an
// *APIError.
func apiError(method, path string, err error, body string) error {
	if err == nil {
		return nil
	}
	e := &APIError{Method: method, Path: path}
	var apiErr *pxapi.ApiError
	if errors.As(err, &apiErr) {
		e.Status, _ = strconv.Atoi(apiErr.Code)
		e.Message = apiErr.Message
		if len(apiErr.Errors) > 0 {
			e.Errors = map[string]string{}
			for k, v := range apiErr.Errors {
				e.Errors[k] = fmt.Sprint(v)
			}
		}
		return e
	}
	if status, text, ok := statusFromLibraryError(err); ok {
		e.Status, e.Message = status, text
		if body != "" && !strings.HasPrefix(body, "{") {
			e.Message += ": " + truncate(body, 300)
		}
		return e
	}
	return fmt.Errorf("%s %s: %w", method, path, err)
}

// statusFromLibraryError recovers the HTTP status of a failed call from the
// library's error text. Workaround (proxmox-api-go, session.go): an error
// answer whose body is not PVE's JSON comes back as errors.New(resp.Status)
// ("501 Method not implemented"), with neither the status code nor the body
// kept. When the library returns a typed error for those too, this can go.
func statusFromLibraryError(err error) (status int, text string, ok bool) {
	code, rest, found := strings.Cut(err.Error(), " ")
	if !found || len(code) != 3 {
		return 0, "", false
	}
	n, cerr := strconv.Atoi(code)
	if cerr != nil {
		return 0, "", false
	}
	return n, rest, true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// secretParams are the request parameters whose values must never appear
// in an error (which becomes a diagnostic, and so also a log line).
var secretParams = []string{"password", "cipassword"}

// redactSecrets replaces the values of secretParams in err's text with
// "<hidden>": PVE's own messages and task logs normally hide them
// (qemu-server logs "-cipassword <hidden>"), but a task log or error text
// that echoes a request parameter must not carry a password into the
// diagnostics and TF_LOG.
func redactSecrets(err error, params map[string]any) error {
	if err == nil {
		return nil
	}
	var secrets []string
	for _, k := range secretParams {
		if v, ok := params[k].(string); ok && len(v) >= 3 {
			secrets = append(secrets, v)
		}
	}
	if len(secrets) == 0 {
		return err
	}
	scrub := func(s string) string {
		for _, x := range secrets {
			s = strings.ReplaceAll(s, x, "<hidden>")
		}
		return s
	}
	var te *TaskError
	if errors.As(err, &te) {
		te.ExitStatus = scrub(te.ExitStatus)
		for i := range te.Log {
			te.Log[i] = scrub(te.Log[i])
		}
	}
	var ae *APIError
	if errors.As(err, &ae) {
		ae.Message = scrub(ae.Message)
		for k, v := range ae.Errors {
			ae.Errors[k] = scrub(v)
		}
	}
	if msg := err.Error(); scrub(msg) != msg {
		return errors.New(scrub(msg)) // another error type still carrying it
	}
	return err
}

// alreadyExists reports whether err says the VMID is taken (a create that
// raced with another client).
func alreadyExists(err error) bool {
	return err != nil && strings.Contains(err.Error(), "already exists")
}

// quotedOption finds the option a PVE refusal names: "unexpected property
// 'shared'", "missing value for required option 'share'", "can't change
// value of fixed parameter 'server'", "unable to delete required option
// 'x'".
var quotedOption = regexp.MustCompile(`(?:property|option|parameter) '([a-z0-9_-]+)'`)

// addRefusal reports a failed call of a resource: on the attribute PVE's
// answer names (a parameter in its errors map, or an option quoted in its
// message) when attrOf maps it to one, else on the resource. what names the
// resource and the action, e.g. `Creating storage "nas"`.
func addRefusal(diags *diag.Diagnostics, what string, err error, attrOf func(param string) (path.Path, bool)) {
	detail := err.Error()
	var ae *APIError
	if errors.As(err, &ae) && attrOf != nil {
		params := make([]string, 0, len(ae.Errors))
		for k := range ae.Errors {
			params = append(params, k)
		}
		sort.Strings(params)
		if m := quotedOption.FindStringSubmatch(ae.Message); m != nil {
			params = append(params, m[1])
		}
		for _, p := range params {
			if ap, ok := attrOf(p); ok {
				msg := detail
				if v, ok := ae.Errors[p]; ok {
					msg = fmt.Sprintf("Proxmox VE refused `%s`: %s\n\n%s", p, strings.TrimSpace(v), detail)
				}
				diags.AddAttributeError(ap, what+" failed", msg)
				return
			}
		}
	}
	diags.AddError(what+" failed", detail)
}
