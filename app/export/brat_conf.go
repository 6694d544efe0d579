package export

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
)

// writeBratConf writes annotation.conf (one entity type per label, every
// overlap allowed, as claims may overlap) and visual.conf (each label in
// its colour) into dir.
func writeBratConf(j *job, dir string) error {
	var ann strings.Builder
	ann.WriteString("# Written by Claimdesk: one entity type per claim label.\n[entities]\n")
	for _, l := range j.labels {
		ann.WriteString(l.Name + "\n")
	}
	ann.WriteString("\n[relations]\n# Claims may overlap in any way.\n" +
		"<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n")
	if err := j.writeFile(path.Join(dir, "annotation.conf"), func(w *stagedFile) error {
		_, err := w.WriteString(ann.String())
		return err
	}); err != nil {
		return err
	}
	var vis strings.Builder
	vis.WriteString("# Written by Claimdesk: the label colours of the claim labels.\n[labels]\n")
	for _, l := range j.labels {
		vis.WriteString(l.Name + " | " + l.Name + "\n")
	}
	vis.WriteString("\n[drawing]\n")
	for _, l := range j.labels {
		fmt.Fprintf(&vis, "%s\tbgColor:%s, fgColor:%s\n", l.Name, l.Colour, textColourOn(l.Colour))
	}
	return j.writeFile(path.Join(dir, "visual.conf"), func(w *stagedFile) error {
		_, err := w.WriteString(vis.String())
		return err
	})
}

// textColourOn picks black or white label text for a "#RRGGBB" background,
// whichever contrasts more (WCAG relative luminance).
func textColourOn(colour string) string {
	if len(colour) != 7 || colour[0] != '#' {
		return "black"
	}
	lum := 0.0
	for i, weight := range [3]float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(colour[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return "black"
		}
		lum += weight * linear(float64(v)/255)
	}
	// Black and white contrast equally with a luminance of about 0.179.
	if lum < 0.179 {
		return "white"
	}
	return "black"
}

func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}
