package routeros

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// sentenceLimits bounds one incoming sentence; a value <= 0 means no limit.
type sentenceLimits struct {
	wordBytes int // one word's length
	words     int // words in one sentence
	bytes     int // all the words' lengths together
}

// errTooLarge reports a sentence beyond its limits: the connection is dropped.
var errTooLarge = errors.New("sentence too large")

// replyLimits are what readSentence (used by the package's tests to read
// replies) accepts: a garbage length must not make it allocate gigabytes.
var replyLimits = sentenceLimits{wordBytes: 16 << 20, words: 1 << 20, bytes: 256 << 20}

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

// readSentence reads words up to the zero-length terminator within
// replyLimits. Empty sentences are skipped, as RouterOS does.
func readSentence(r *bufio.Reader) ([]string, error) {
	return readSentenceLimited(r, replyLimits)
}

// readSentenceLimited reads one sentence, failing with errTooLarge as soon
// as it goes beyond lim (before reading or allocating the offending word).
func readSentenceLimited(r *bufio.Reader, lim sentenceLimits) ([]string, error) {
	var words []string
	total := 0
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
		total += n
		switch {
		case lim.wordBytes > 0 && n > lim.wordBytes:
			return nil, fmt.Errorf("%w: word of %d bytes", errTooLarge, n)
		case lim.words > 0 && len(words) >= lim.words:
			return nil, fmt.Errorf("%w: more than %d words", errTooLarge, lim.words)
		case lim.bytes > 0 && total > lim.bytes:
			return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, lim.bytes)
		}
		w, err := readWord(r, n)
		if err != nil {
			return nil, unexpected(err)
		}
		words = append(words, w)
	}
}

// readWord reads an n-byte word. Long words grow their buffer as the bytes
// arrive, so a peer announcing a large word and sending nothing costs
// nothing.
func readWord(r *bufio.Reader, n int) (string, error) {
	if n <= 4096 {
		buf := make([]byte, n)
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", err
		}
		return string(buf), nil
	}
	var buf bytes.Buffer
	got, err := buf.ReadFrom(io.LimitReader(r, int64(n)))
	if err != nil {
		return "", err
	}
	if got < int64(n) {
		return "", io.ErrUnexpectedEOF
	}
	return buf.String(), nil
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
