package routeros

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// maxWord bounds one word, so a garbage length cannot make the server
// allocate gigabytes. RouterOS has a similar, undocumented limit.
const maxWord = 16 << 20

// readLength decodes one word length in any of the five encodings.
func readLength(r *bufio.Reader) (int, error) {
	b, err := r.ReadByte()
	if err != nil {
		return 0, err
	}
	var n, extra int
	switch {
	case b&0x80 == 0x00:
		return int(b), nil
	case b&0xC0 == 0x80:
		n, extra = int(b&0x3F), 1
	case b&0xE0 == 0xC0:
		n, extra = int(b&0x1F), 2
	case b&0xF0 == 0xE0:
		n, extra = int(b&0x0F), 3
	case b == 0xF0:
		n, extra = 0, 4
	default:
		return 0, fmt.Errorf("reserved control byte 0x%02x", b)
	}
	for i := 0; i < extra; i++ {
		c, err := r.ReadByte()
		if err != nil {
			return 0, unexpected(err)
		}
		n = n<<8 | int(c)
	}
	return n, nil
}

func unexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readSentence reads words up to the zero-length terminator. Empty sentences
// are skipped, as RouterOS does.
func readSentence(r *bufio.Reader) ([]string, error) {
	var words []string
	for {
		n, err := readLength(r)
		if err != nil {
			if len(words) > 0 {
				err = unexpected(err)
			}
			return nil, err
		}
		if n == 0 {
			if len(words) == 0 {
				continue
			}
			return words, nil
		}
		if n > maxWord {
			return nil, fmt.Errorf("word of %d bytes is too long", n)
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, unexpected(err)
		}
		words = append(words, string(buf))
	}
}

// appendLength encodes n with the shortest of the five encodings.
func appendLength(b []byte, n int) []byte {
	switch {
	case n < 0x80:
		return append(b, byte(n))
	case n < 0x4000:
		return append(b, byte(n>>8)|0x80, byte(n))
	case n < 0x200000:
		return append(b, byte(n>>16)|0xC0, byte(n>>8), byte(n))
	case n < 0x10000000:
		return append(b, byte(n>>24)|0xE0, byte(n>>16), byte(n>>8), byte(n))
	default:
		return append(b, 0xF0, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
}

// appendSentence encodes words followed by the terminating empty word.
func appendSentence(b []byte, words []string) []byte {
	for _, w := range words {
		b = appendLength(b, len(w))
		b = append(b, w...)
	}
	return append(b, 0)
}
