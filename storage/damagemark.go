package storage

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// A damage mark keeps the verdict of a check that found a store damaged
// beside the file (PATH.damaged), so that the next process refuses to
// write to it too. Open's own quick check reads only what bbolt writes
// through (meta pages, freelist, bucket roots); most damage sits inside
// records, which only a full Check reads, in seconds. The mark holds the
// file's size and modification time as the check saw them: a file changed
// since (replaced, restored from a backup) is judged afresh, and a check
// that finds the store sound takes the mark away.
type damageMark struct {
	Size     int64     `json:"size"`
	ModTime  time.Time `json:"modTime"`
	Found    time.Time `json:"found"`
	Problems string    `json:"problems"`
}

// damageMarkPath is where the mark of the store at path is kept.
func damageMarkPath(path string) string { return path + ".damaged" }

// markDamaged records that the store at path is damaged. It is best
// effort: a folder that cannot be written keeps no mark, and the store
// still refuses writes through the handle that found the damage.
func markDamaged(path string, problems error) {
	info, err := os.Stat(path)
	if err != nil {
		return
	}
	raw, err := json.MarshalIndent(damageMark{Size: info.Size(), ModTime: info.ModTime(),
		Found: time.Now().UTC(), Problems: problems.Error()}, "", "  ")
	if err != nil {
		return
	}
	tmp := damageMarkPath(path) + ".tmp"
	if os.WriteFile(tmp, append(raw, '\n'), 0o644) == nil {
		_ = os.Rename(tmp, damageMarkPath(path))
	}
}

// clearDamageMark takes away the mark of a store found sound.
func clearDamageMark(path string) {
	_ = os.Remove(damageMarkPath(path))
}

// markedDamaged returns the problems a check recorded for the store at
// path, if its mark still describes the file as it is.
func markedDamaged(path string) (error, bool) {
	raw, err := os.ReadFile(damageMarkPath(path))
	if err != nil {
		return nil, false
	}
	var m damageMark
	info, statErr := os.Stat(path)
	if json.Unmarshal(raw, &m) != nil || statErr != nil || info.Size() != m.Size || !info.ModTime().Equal(m.ModTime) {
		return nil, false
	}
	return fmt.Errorf("%s\n(found by claimdesk check on %s; the file has not changed since)",
		m.Problems, m.Found.Local().Format("2 Jan 2006 15:04")), true
}
