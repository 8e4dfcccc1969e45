package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/evals"
	"github.com/triage-ar/triage/store"
	"github.com/triage-ar/triage/triage"
)

// maxWrongListed bounds the wrong cases a run's page lists.
const maxWrongListed = 200

// maxEvalUpload bounds an uploaded eval set.
const maxEvalUpload = 8 << 20

// evalsPage lists the tenant's eval sets and runs, with the forms to make
// a set and start a run.
type evalsPage struct {
	Sets     []store.EvalSet
	Runs     []store.EvalRun
	Builtin  []string
	Prompts  []store.PromptVersion
	Error    string
	Progress map[int64]float64 // run id → share done
}

func (s *server) adminEvals(c *gin.Context) { s.renderEvals(c, http.StatusOK, "") }

func (s *server) renderEvals(c *gin.Context, status int, problem string) {
	ctx := c.Request.Context()
	a := actorOf(c)
	p := evalsPage{Builtin: evals.Builtin(), Error: problem, Progress: map[int64]float64{}}
	var err error
	if p.Sets, err = s.db.EvalSets(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	if p.Runs, err = s.db.EvalRuns(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	for _, r := range p.Runs {
		if r.Total > 0 {
			p.Progress[r.ID] = float64(r.Done) / float64(r.Total)
		}
	}
	if p.Prompts, err = s.db.PromptVersions(ctx, a.TenantID); err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "evals", view{TitleKey: "nav.evals", Page: p})
}

// saveEvals handles the page's forms: make a set (upload, qualifications,
// built-in), start a run, cancel one.
func (s *server) saveEvals(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	f := postForm(c)
	name := strings.TrimSpace(f.Get("name"))
	var err error
	switch f.Get("op") {
	case "upload":
		err = s.evalSetFromUpload(c, name)
	case "qualifications":
		err = s.evalSetFromHistory(c, name, f.Get("per_status"), f.Get("from"), f.Get("to"), f.Get("split") == "1")
	case "builtin":
		var cases []evals.Case
		if cases, err = evals.BuiltinCases(f.Get("builtin")); err == nil {
			err = s.storeEvalSet(c, name, "builtin:"+f.Get("builtin"), cases)
		} else {
			err = refuse("builtin", "admin.evals.err.builtin")
		}
	case "run":
		setID, perr := strconv.ParseInt(f.Get("set"), 10, 64)
		strategy := f.Get("strategy")
		if perr != nil || (strategy != "knn" && strategy != "llm" && strategy != "auto") {
			s.errorPage(c, http.StatusBadRequest, "badrequest")
			return
		}
		var prompt *int64
		if n, perr := strconv.ParseInt(f.Get("prompt"), 10, 64); perr == nil {
			prompt = &n
		}
		_, err = s.db.StartEvalRun(ctx, a.TenantID, setID, strategy, prompt)
	case "cancel":
		id, perr := strconv.ParseInt(f.Get("run"), 10, 64)
		if perr != nil {
			s.errorPage(c, http.StatusBadRequest, "badrequest")
			return
		}
		err = s.db.CancelEvalRun(ctx, a.TenantID, id)
	default:
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	msg, refused := refusalText(langOf(c), err)
	switch {
	case refused:
		s.renderEvals(c, http.StatusUnprocessableEntity, msg)
		return
	case errors.Is(err, triage.ErrConflict):
		s.renderEvals(c, http.StatusUnprocessableEntity, tr(langOf(c), "admin.evals.err.conflict"))
		return
	case err != nil:
		s.fail(c, err)
		return
	}
	s.setFlash(c, "settings")
	c.Redirect(http.StatusSeeOther, "/admin/evals")
}

// evalSetFromUpload reads a JSONL file posted with the form.
func (s *server) evalSetFromUpload(c *gin.Context, name string) error {
	file, _, err := c.Request.FormFile("file")
	if err != nil {
		return refuse("file", "admin.evals.err.file")
	}
	defer file.Close()
	b, err := io.ReadAll(io.LimitReader(file, maxEvalUpload+1))
	if err != nil || len(b) > maxEvalUpload {
		return refuse("file", "admin.evals.err.file_size")
	}
	cases, err := evals.Read(bytes.NewReader(b))
	if err != nil {
		return refuse("file", "admin.evals.err.file_read", err.Error())
	}
	return s.storeEvalSet(c, name, "upload", cases)
}

// evalSetFromHistory freezes a sample of the tenant's qualifications.
func (s *server) evalSetFromHistory(c *gin.Context, name, perStatus, from, to string, split bool) error {
	n, err := strconv.Atoi(strings.TrimSpace(perStatus))
	if err != nil || n < 1 || n > 1000 {
		return refuse("per_status", "admin.evals.err.per_status")
	}
	start, end := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), s.now().AddDate(0, 0, 1)
	if from != "" {
		if start, err = time.Parse(time.DateOnly, from); err != nil {
			return refuse("from", "admin.evals.err.from")
		}
	}
	if to != "" {
		if end, err = time.Parse(time.DateOnly, to); err != nil {
			return refuse("to", "admin.evals.err.to")
		}
	}
	rows, err := s.db.QualificationCases(c.Request.Context(), actorOf(c).TenantID, n, start, end)
	if err != nil {
		return err
	}
	cases := make([]evals.Case, len(rows))
	for i, r := range rows {
		cases[i] = evals.Case{ID: "q" + strconv.FormatInt(r.ID, 10), Text: r.Text, Status: r.Status, Items: r.Items,
			Lang: r.Lang, Received: r.Received.Format(time.DateOnly)}
	}
	if split {
		dev, test := evals.Split(cases, 0.5, evalSplitSeed)
		if err := s.storeEvalSet(c, name+" (dev)", "qualifications:dev", dev); err != nil {
			return err
		}
		return s.storeEvalSet(c, name+" (test)", "qualifications:test", test)
	}
	return s.storeEvalSet(c, name, "qualifications", cases)
}

// evalSplitSeed fixes the dev/test split: the same qualifications always
// fall on the same side.
const evalSplitSeed = 20261125

func (s *server) storeEvalSet(c *gin.Context, name, source string, cases []evals.Case) error {
	if name == "" || len(name) > 80 {
		return refuse("name", "admin.evals.err.name")
	}
	if len(cases) == 0 {
		return refuse("cases", "admin.evals.err.empty")
	}
	b, err := json.Marshal(cases)
	if err != nil {
		return err
	}
	_, err = s.db.CreateEvalSet(c.Request.Context(), actorOf(c).TenantID, name, source, b)
	return err
}

// evalRunPage shows one run's report, and its comparison with a baseline.
type evalRunPage struct {
	Run       store.EvalRun
	Report    *evals.Report
	Heatmap   heatmap
	Reliab    chart
	Langs     []evalGroup
	Others    []store.EvalRun    // finished runs of the same set, to compare with
	Wrong     []evals.Prediction // the cases the run got wrong, expected beside predicted
	Baseline  int64
	Compare   *evals.Comparison
	CanPromte bool
}

type evalGroup struct {
	Name     string
	Cases    int
	Accuracy float64
}

func (s *server) adminEvalRun(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	id, ok := s.idParam(c)
	if !ok {
		return
	}
	run, err := s.db.EvalRun(ctx, a.TenantID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := evalRunPage{Run: run}
	if len(run.Report) > 0 {
		var rep evals.Report
		if err := json.Unmarshal(run.Report, &rep); err != nil {
			s.fail(c, fmt.Errorf("web: eval report %d: %w", id, err))
			return
		}
		p.Report = &rep
		p.Heatmap = confusionHeatmap(langOf(c), rep.Confusion)
		p.Reliab = reliabilityChart(langOf(c), rep.Calibration)
		for _, k := range sortedKeys(rep.PerLang) {
			p.Langs = append(p.Langs, evalGroup{k, rep.PerLang[k].Cases, rep.PerLang[k].Accuracy})
		}
		for _, pr := range rep.Predictions {
			if pr.Predicted != pr.Status && len(p.Wrong) < maxWrongListed {
				p.Wrong = append(p.Wrong, pr)
			}
		}
	}
	switch {
	case c.Query("format") == "json" && p.Report != nil:
		c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="eval-%d.json"`, id))
		c.Data(http.StatusOK, "application/json", run.Report)
		return
	case c.Query("format") == "csv" && p.Report != nil:
		c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="eval-%d.csv"`, id))
		c.Header("Content-Type", "text/csv; charset=utf-8")
		w := csv.NewWriter(c.Writer)
		w.Write([]string{"id", "lang", "expected", "predicted", "confidence", "items", "follow_up"})
		for _, pr := range p.Report.Predictions {
			w.Write([]string{pr.ID, pr.Lang, pr.Status, pr.Predicted, strconv.FormatFloat(pr.Confidence, 'f', 4, 64),
				strings.Join(pr.Items, " "), pr.FollowUp})
		}
		w.Flush()
		return
	}
	runs, err := s.db.EvalRuns(ctx, a.TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	for _, r := range runs {
		if r.ID != run.ID && r.SetID == run.SetID && r.State == "done" {
			p.Others = append(p.Others, r)
		}
	}
	if b, err := strconv.ParseInt(c.Query("baseline"), 10, 64); err == nil && p.Report != nil {
		base, err := s.db.EvalRun(ctx, a.TenantID, b)
		if err != nil {
			s.fail(c, err)
			return
		}
		var brep evals.Report
		if json.Unmarshal(base.Report, &brep) == nil {
			if cmp, err := evals.Compare(brep.Predictions, p.Report.Predictions, 1); err == nil {
				p.Compare, p.Baseline = &cmp, b
				p.CanPromte = cmp.Promotable() && run.PromptID != nil
			}
		}
	}
	s.render(c, http.StatusOK, "eval_run", view{TitleKey: "admin.eval.page", Page: p})
}

// promoteEvalRun activates the prompt of a run that did not regress
// against the baseline it is compared with, in the audit log.
func (s *server) promoteEvalRun(c *gin.Context) {
	ctx := c.Request.Context()
	a := actorOf(c)
	id, err1 := strconv.ParseInt(c.Param("id"), 10, 64)
	b, err2 := strconv.ParseInt(postForm(c).Get("baseline"), 10, 64)
	if err1 != nil || err2 != nil {
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	run, err := s.db.EvalRun(ctx, a.TenantID, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	base, err := s.db.EvalRun(ctx, a.TenantID, b)
	if err != nil {
		s.fail(c, err)
		return
	}
	var rep, brep evals.Report
	if run.PromptID == nil || json.Unmarshal(run.Report, &rep) != nil || json.Unmarshal(base.Report, &brep) != nil {
		s.errorPage(c, http.StatusConflict, "conflict")
		return
	}
	cmp, err := evals.Compare(brep.Predictions, rep.Predictions, 1)
	if err != nil || !cmp.Promotable() {
		s.errorPage(c, http.StatusConflict, "conflict")
		return
	}
	after, _ := json.Marshal(map[string]any{"run": id, "baseline": b, "verdict": cmp.Verdict, "p_value": cmp.PValue, "delta": cmp.Delta})
	audit := triage.Audit{TenantID: a.TenantID, UserID: &a.UserID, Action: "promote_prompt", Entity: "prompt_version", EntityID: *run.PromptID, After: after}
	if err := s.db.ActivatePrompt(ctx, a.TenantID, run.PromptID, audit); err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "prompt_active")
	c.Redirect(http.StatusSeeOther, "/admin/prompts")
}
