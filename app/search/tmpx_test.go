package search

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestTmpDist(t *testing.T) {
	entries := newNewsGen(2025).entries(benchClaims)
	ix := NewIndex()
	for _, e := range entries {
		ix.Put(e)
	}
	for _, q := range benchQueries {
		per := make([][]time.Duration, len(q))
		for range 15 {
			s := ix.NewSession()
			for i := range q {
				st := time.Now()
				s.Search(q[:i+1], 50)
				per[i] = append(per[i], time.Since(st))
			}
		}
		for i := range q {
			slices.Sort(per[i])
			fmt.Printf("%-18q min %6.2f med %6.2f max %6.2f\n", q[:i+1], ms(per[i][0]), ms(per[i][len(per[i])/2]), ms(per[i][len(per[i])-1]))
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
