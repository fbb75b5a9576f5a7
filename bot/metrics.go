package bot

import (
	"errors"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/slack-go/slack"
)

// Metrics are the bot's Prometheus series (SPEC §8).
type Metrics struct {
	envelopes      *prometheus.CounterVec
	ackLatency     prometheus.Histogram
	handlerLatency *prometheus.HistogramVec
	sessions       *prometheus.CounterVec
	outcomes       *prometheus.CounterVec
	shares         *prometheus.CounterVec
	slackErrors    *prometheus.CounterVec
	storeErrors    *prometheus.CounterVec
	reconnects     prometheus.Counter
	duplicates     prometheus.Counter
	panics         prometheus.Counter
	shed           *prometheus.CounterVec
	rateLimited    *prometheus.CounterVec
	responseURL    *prometheus.CounterVec
}

// NewMetrics creates the series and registers them with reg (nil: unregistered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		envelopes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_envelopes_total", Help: "Socket Mode envelopes received, by type.",
		}, []string{"type"}),
		ackLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "ctoadvisor_ack_seconds", Help: "Time from reading an envelope to queueing its ack.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1, 2.5},
		}),
		handlerLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "ctoadvisor_handler_seconds", Help: "Time to handle an acknowledged envelope, by type.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"type"}),
		sessions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_sessions_total", Help: "Dialog sessions by event: started, completed, cancelled, expired.",
		}, []string{"event"}),
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_outcomes_total", Help: "Recommendations given, by outcome.",
		}, []string{"outcome"}),
		shares: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_shares_total", Help: "Share attempts by result: posted, refused, failed.",
		}, []string{"result"}),
		slackErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_slack_api_errors_total", Help: "Slack Web API errors, by method and error.",
		}, []string{"method", "error"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_store_errors_total", Help: "Session store failures, by operation.",
		}, []string{"op"}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ctoadvisor_socket_reconnects_total", Help: "Socket Mode reconnections after a connection was up.",
		}),
		duplicates: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ctoadvisor_duplicate_deliveries_total", Help: "Deliveries recognised as repeats and skipped.",
		}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ctoadvisor_handler_panics_total", Help: "Envelopes dropped because their handler panicked.",
		}),
		shed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_envelopes_shed_total", Help: "Envelopes not queued: busy (over a thread's or user's cap, acknowledged), full (over the replica's cap, left unacknowledged); told counts the 'one moment' notes queued for busy senders.",
		}, []string{"reason"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_slack_rate_limited_total", Help: "Web API calls Slack answered with 429 (each retried after Retry-After), by method.",
		}, []string{"method"}),
		responseURL: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ctoadvisor_response_url_posts_total", Help: "Posts through a click's response_url instead of the Web API, by result: ok, or fallback when Slack refused it and the Web API did the work.",
		}, []string{"result"}),
	}
	if reg != nil {
		reg.MustRegister(m.envelopes, m.ackLatency, m.handlerLatency, m.sessions, m.outcomes,
			m.shares, m.slackErrors, m.storeErrors, m.reconnects, m.duplicates, m.panics, m.shed,
			m.rateLimited, m.responseURL)
	}
	return m
}

// slackError counts a failed Web API call under its Slack error code.
func (m *Metrics) slackError(method string, err error) {
	if err == nil {
		return
	}
	m.slackErrors.WithLabelValues(method, slackErrorCode(err)).Inc()
}

// slackErrorCode reduces an error to a bounded label: Slack's own code, the
// HTTP status class, or "transport".
func slackErrorCode(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return "ratelimited"
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		return "http_" + strconv.Itoa(sc.Code)
	}
	return "transport"
}
