package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/triage-ar/triage/store"
)

// jobsPage lists the dead letters of the job queue: suggestions, emails,
// eval runs that failed every attempt, with why.
type jobsPage struct {
	Jobs []store.DeadJob
}

func (s *server) adminJobs(c *gin.Context) {
	jobs, err := s.db.DeadJobs(c.Request.Context(), actorOf(c).TenantID)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "jobs", view{TitleKey: "admin.jobs.title", Page: jobsPage{Jobs: jobs}})
}

func (s *server) retryJob(c *gin.Context) {
	id, err := strconv.ParseInt(postForm(c).Get("id"), 10, 64)
	if err != nil {
		s.errorPage(c, http.StatusBadRequest, "badrequest")
		return
	}
	if err := s.db.RetryJob(c.Request.Context(), actorOf(c).TenantID, id); err != nil {
		s.fail(c, err)
		return
	}
	s.setFlash(c, "job_retried")
	c.Redirect(http.StatusSeeOther, "/admin/jobs")
}
