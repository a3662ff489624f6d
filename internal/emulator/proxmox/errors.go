package proxmox

import (
	"fmt"
	"net/http"
)

// apiError is an error answer as pve-http-server formats it: the status, the
// message (JSON "message" with a trailing newline) and, for parameter
// verification failures, the per-parameter "errors" map.
type apiError struct {
	Status  int
	Message string
	Errors  map[string]string
}

func (e *apiError) Error() string {
	if len(e.Errors) > 0 {
		return fmt.Sprintf("%d %s %v", e.Status, e.Message, e.Errors)
	}
	return fmt.Sprintf("%d %s", e.Status, e.Message)
}

// errf is a plain die() in a PVE handler: HTTP 500 with the message.
func errf(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusInternalServerError, Message: fmt.Sprintf(format, args...)}
}

// paramErr is raise_param_exc: HTTP 400 "Parameter verification failed.".
func paramErr(errs map[string]string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Message: "Parameter verification failed.", Errors: errs}
}

// paramErr1 is paramErr with one parameter.
func paramErr1(param, format string, args ...any) *apiError {
	return paramErr(map[string]string{param: fmt.Sprintf(format, args...)})
}

// permErr is raise_perm_exc: HTTP 403 "Permission check failed (path, priv)".
func permErr(path, priv string) *apiError {
	return &apiError{Status: http.StatusForbidden, Message: fmt.Sprintf("Permission check failed (%s, %s)", path, priv)}
}

func authErr(msg string) *apiError {
	return &apiError{Status: http.StatusUnauthorized, Message: msg}
}

func notImplemented(method, path string) *apiError {
	return &apiError{Status: http.StatusNotImplemented, Message: fmt.Sprintf("Method '%s %s' not implemented", method, path)}
}
