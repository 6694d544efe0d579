package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"unicode/utf8"

	"claimdesk/app/atomicfile"
	"claimdesk/app/suggest"
)

func runClassify(env *Env, args []string) error {
	fs := newFlagSet(env, "classify", "FILE [-o OUT]",
		"Reads spans JSONL ({\"text\", \"spans\":[{\"start\",\"end\",...}]}, the spans export's shape; FILE - is stdin)\n"+
			"and writes the same lines with each span's \"label\" and \"score\" set by the model trained on this\n"+
			"store's claims: a pre-labelled dataset. Offsets count code points. A line that cannot be read is\n"+
			"reported as FILE:LINE and written through unchanged; the rest are classified.")
	db := dbFlag(fs)
	out := fs.String("o", "", "write to `OUT` (default standard output)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("classify needs one FILE, e.g. claimdesk classify spans.jsonl -o labelled.jsonl")
	}
	name := fs.Arg(0)
	in := env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	} else if in == nil {
		in = os.Stdin
	}
	store, err := openStore(env, *db, true)
	if err != nil {
		return err
	}
	corpus, err := suggest.LoadCorpus(store)
	store.Close()
	if err != nil {
		return err
	}
	model := suggest.BuildModel(corpus.Labels, suggest.Examples(corpus.Docs, suggest.English), suggest.English)
	if *out == "" || *out == "-" {
		return classifyLines(env, name, in, env.Stdout, model)
	}
	return writeReplacing(*out, func(w io.Writer) error { return classifyLines(env, name, in, w, model) })
}

// writeReplacing writes a file through a temporary one beside it, so that
// OUT is either the old file or the whole new one, never half of it. Lines
// that could not be classified were told on stderr already (errReported):
// the file is written with them passed through, and the error returned.
func writeReplacing(path string, write func(io.Writer) error) error {
	var reported error
	err := atomicfile.Write(path, atomicfile.Options{}, func(w io.Writer) error {
		err := write(w)
		if errors.Is(err, errReported) {
			reported = err
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	return reported
}

// classifyLines labels the spans of each line of in. Lines that are not
// spans JSON are told on stderr and written through as they were.
func classifyLines(env *Env, name string, in io.Reader, out io.Writer, model *suggest.Model) error {
	r := bufio.NewReader(in)
	bad := 0
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			body := bytes.TrimRight(line, "\r\n")
			result := body
			if len(bytes.TrimSpace(body)) > 0 {
				labelled, lineErr := classifyLine(body, model)
				if lineErr != nil {
					fmt.Fprintf(env.Stderr, "%s:%d: %v (line written unchanged)\n", name, n, lineErr)
					bad++
				} else {
					result = labelled
				}
			}
			if _, werr := out.Write(append(result, '\n')); werr != nil {
				return werr
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if bad > 0 {
		fmt.Fprintf(env.Stderr, "%d line(s) could not be classified\n", bad)
		return errReported
	}
	return nil
}

// classifyLine sets "label" and "score" on every span of one line, keeping
// its other fields (JSON objects come out with their keys sorted).
func classifyLine(line []byte, model *suggest.Model) ([]byte, error) {
	var record map[string]json.RawMessage
	if err := json.Unmarshal(line, &record); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	var text string
	if err := json.Unmarshal(record["text"], &text); err != nil || record["text"] == nil {
		return nil, errors.New(`no "text" string`)
	}
	var spans []map[string]json.RawMessage
	if raw, ok := record["spans"]; ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, &spans); err != nil {
			return nil, fmt.Errorf(`"spans" is not a list of objects: %v`, err)
		}
	}
	runes := []rune(text)
	for i, span := range spans {
		var start, end int
		if json.Unmarshal(span["start"], &start) != nil || json.Unmarshal(span["end"], &end) != nil {
			return nil, fmt.Errorf(`span %d: "start" and "end" must be whole numbers`, i+1)
		}
		if start < 0 || end < start || end > len(runes) {
			return nil, fmt.Errorf("span %d: [%d, %d) is outside the text's %d code points", i+1, start, end, utf8.RuneCountInString(text))
		}
		ranked := model.Suggest(runes, start, end)
		if len(ranked) == 0 {
			return nil, errors.New("the store has no labels to choose from")
		}
		span["label"], _ = json.Marshal(ranked[0].Label)
		span["score"], _ = json.Marshal(math.Round(ranked[0].Score*1000) / 1000)
	}
	if spans != nil {
		record["spans"], _ = json.Marshal(spans)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(record); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
