package routeros

import "fmt"

// trapError is a command failure, sent as !trap (with =category= when
// RouterOS sets one) followed by !done.
type trapError struct {
	message  string
	category int // -1: no category word
}

func (e *trapError) Error() string { return e.message }

// Trap categories (RouterOS API documentation).
const (
	catNone        = -1
	catMissing     = 0 // missing item or command
	catArgument    = 1 // argument value failure
	catInterrupted = 2 // execution of command interrupted
	catFailure     = 4 // general failure
	catAPI         = 5 // API related failure
)

func argErr(format string, a ...any) error {
	return &trapError{fmt.Sprintf(format, a...), catArgument}
}

func failure(format string, a ...any) error {
	return &trapError{"failure: " + fmt.Sprintf(format, a...), catNone}
}

func errNoSuchItem() error { return &trapError{"no such item", catMissing} }

func errUnknownParam(name string) error {
	return &trapError{"unknown parameter " + name, catNone}
}

func errMissing(names string) error {
	return &trapError{"missing value(s) of argument(s) " + names, catArgument}
}

func errNoSuchCommand(word string) error {
	return &trapError{"no such command or directory (" + word + ")", catMissing}
}

func errNoPrefix() error { return &trapError{"no such command prefix", catMissing} }

func errNoMatch(arg string) error {
	return &trapError{"input does not match any value of " + arg, catArgument}
}
