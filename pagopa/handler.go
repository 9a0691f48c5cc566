package pagopa

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/pagokit/pagokit/bollo"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/pagokit/pagokit/pagopa/internal/soap"
)

// Handler is the paForNode SOAP endpoint an ente (or its broker) exposes
// to the pagoPA Nodo, as an http.Handler. It serves paVerifyPaymentNotice,
// paGetPayment, paGetPaymentV2, paSendRT, paSendRTV2 and
// paDemandPaymentNotice for the stations and enti of its Config, on the
// positions of its Store. It is safe for concurrent use.
//
// Every answer is HTTP 200 with a SOAP body; errors become outcome KO
// with the fault the Nodo expects, and anything unexpected
// PAA_SYSTEM_ERROR, never a stack trace.
type Handler struct {
	cfg   Config
	store Store
	o     handlerOptions
}

type handlerOptions struct {
	logger         *slog.Logger
	now            func() time.Time
	limits         soap.Limits
	actualize      ActualizeFunc
	demand         DemandFunc
	observers      []ReceiptObserver
	duplicateFault bool
	deadline       time.Duration
	receiptTimeout time.Duration
	stamps         StampPolicy
	stampObservers []StampObserver
}

// A HandlerOption configures a Handler.
type HandlerOption func(*handlerOptions)

// WithLogger sets the logger of the audit events (one per call: operation,
// ente, station, notice number, outcome, fault, duration). The default
// discards them.
func WithLogger(l *slog.Logger) HandlerOption { return func(o *handlerOptions) { o.logger = l } }

// WithClock sets the clock (default time.Now).
func WithClock(now func() time.Time) HandlerOption { return func(o *handlerOptions) { o.now = now } }

// WithMaxBodySize bounds a request body (default 4 MiB).
func WithMaxBodySize(n int64) HandlerOption {
	return func(o *handlerOptions) { o.limits.MaxBytes = n }
}

// WithActualize sets the hook that updates an option's amount at
// verification and activation.
func WithActualize(f ActualizeFunc) HandlerOption { return func(o *handlerOptions) { o.actualize = f } }

// WithDemand sets the hook of paDemandPaymentNotice; without it the
// Handler answers PAA_PAGAMENTO_SCONOSCIUTO.
func WithDemand(f DemandFunc) HandlerOption { return func(o *handlerOptions) { o.demand = f } }

// WithReceiptObserver adds an observer of new receipts.
func WithReceiptObserver(f ReceiptObserver) HandlerOption {
	return func(o *handlerOptions) { o.observers = append(o.observers, f) }
}

// WithDuplicateReceiptFault makes a receipt delivered again answer
// PAA_RECEIPT_DUPLICATA instead of OK. Both stop the Nodo's retries; OK
// is the default because it is what every Nodo version handles.
func WithDuplicateReceiptFault(on bool) HandlerOption {
	return func(o *handlerOptions) { o.duplicateFault = on }
}

// WithDeadlines sets the time the Handler gives itself to answer: d for
// verification, activation and demand (default 6 s, under the Nodo's 7 s
// timeout) and receipt for paSendRT (default 14 s, under 15 s). Hooks and
// the store see it as ctx's deadline.
func WithDeadlines(d, receipt time.Duration) HandlerOption {
	return func(o *handlerOptions) { o.deadline, o.receiptTimeout = d, receipt }
}

// NewHandler returns a Handler for cfg on store.
func NewHandler(cfg Config, store Store, opts ...HandlerOption) (*Handler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if store == nil {
		return nil, errors.New("pagopa: NewHandler: nil store")
	}
	h := &Handler{cfg: cfg, store: store, o: handlerOptions{
		logger:         slog.New(slog.DiscardHandler),
		now:            time.Now,
		limits:         soap.DefaultLimits,
		deadline:       6 * time.Second,
		receiptTimeout: 14 * time.Second,
	}}
	for _, o := range opts {
		o(&h.o)
	}
	if h.o.logger == nil {
		h.o.logger = slog.New(slog.DiscardHandler)
	}
	if h.o.limits.MaxBytes <= 0 {
		h.o.limits.MaxBytes = soap.DefaultLimits.MaxBytes
	}
	if h.o.stamps.Registry == nil {
		if ss, ok := store.(StampStore); ok {
			h.o.stamps.Registry = ss.IUBDs()
		} else {
			h.o.stamps.Registry = bollo.NewMemoryRegistry()
		}
	}
	return h, nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// ServeHTTP answers one SOAP request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST a SOAP envelope", http.StatusMethodNotAllowed)
		return
	}
	start := h.o.now()
	c := &call{start: start}
	resp := h.serve(r, c)
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := soap.WriteResponse(buf, resp); err != nil {
		h.o.logger.Error("pagopa: writing the response", "op", c.op, "err", err)
		buf.Reset()
		c.fault = FaultSystem
		soap.WriteResponse(buf, soap.FaultResponse(soap.Operation(c.op), h.soapFault(FaultSystem, c.faultID(), "")))
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
	h.audit(c)
}

// call collects what the audit event reports.
type call struct {
	start   time.Time
	op      Operation
	header  soap.Header
	notice  string
	fault   FaultCode
	detail  string
	anomaly []Anomaly
	dup     bool
}

func (c *call) faultID() string {
	if c.header.IDPA != "" {
		return c.header.IDPA
	}
	return c.header.IDBrokerPA
}

func (h *Handler) audit(c *call) {
	outcome := "OK"
	if c.fault != "" {
		outcome = "KO"
	}
	attrs := []slog.Attr{
		slog.String("op", string(c.op)),
		slog.String("idPA", c.header.IDPA),
		slog.String("idStation", c.header.IDStation),
		slog.String("notice", c.notice),
		slog.String("outcome", outcome),
		slog.Duration("duration", h.o.now().Sub(c.start)),
	}
	if c.fault != "" {
		attrs = append(attrs, slog.String("fault", string(c.fault)))
	}
	if c.detail != "" {
		attrs = append(attrs, slog.String("detail", c.detail))
	}
	if c.dup {
		attrs = append(attrs, slog.Bool("duplicate", true))
	}
	if len(c.anomaly) > 0 {
		attrs = append(attrs, slog.Any("anomalies", c.anomaly))
	}
	level := slog.LevelInfo
	if c.fault == FaultSystem || len(c.anomaly) > 0 {
		level = slog.LevelWarn
	}
	h.o.logger.LogAttrs(context.Background(), level, "pagopa.paForNode", attrs...)
}

func (h *Handler) soapFault(code FaultCode, id, description string) soap.Fault {
	return soap.Fault{Code: string(code), String: code.String(), ID: id, Description: description}
}

// serve decodes and dispatches a request; it never panics.
func (h *Handler) serve(r *http.Request, c *call) (resp any) {
	defer func() {
		if v := recover(); v != nil {
			h.o.logger.Error("pagopa: panic serving the Nodo", "op", c.op, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			c.fault = FaultSystem
			resp = soap.FaultResponse(soap.Operation(c.op), h.soapFault(FaultSystem, c.faultID(), ""))
		}
	}()
	body := http.MaxBytesReader(nil, r.Body, h.o.limits.MaxBytes)
	req, err := soap.DecodeRequest(body, r.Header.Get("SOAPAction"), h.o.limits)
	if err != nil {
		var se *soap.Error
		code, desc := FaultSyntaxExtraXSD, "malformed request"
		if errors.As(err, &se) {
			c.op, c.header = Operation(se.Op), se.Header
			code = FaultCode(se.Fault)
			// The Nodo's error table allows PAA_SINTASSI_XSD only for
			// paDemandPaymentNotice; the other primitives report schema
			// violations as PAA_SINTASSI_EXTRAXSD.
			if code != FaultSyntaxXSD || c.op != OpDemand {
				code = FaultSyntaxExtraXSD
			}
			desc = se.Error()
		}
		// Read what is left so the connection can be reused.
		io.Copy(io.Discard, io.LimitReader(body, h.o.limits.MaxBytes))
		c.fault, c.detail = code, desc
		return soap.FaultResponse(soap.Operation(c.op), h.soapFault(code, c.faultID(), desc))
	}
	c.op, c.header = Operation(req.Op), req.Header
	timeout := h.o.deadline
	if c.op == OpSendRT || c.op == OpSendRTV2 {
		timeout = h.o.receiptTimeout
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()

	resp, err = h.dispatch(ctx, req, c)
	if err != nil {
		code, desc := FaultSystem, ""
		if fe, ok := asFault(err); ok {
			code, desc = fe.Code, fe.Description
		} else {
			h.o.logger.Error("pagopa: serving the Nodo", "op", c.op, "idPA", c.header.IDPA, "notice", c.notice, "err", err)
		}
		c.fault, c.detail = code, desc
		return soap.FaultResponse(req.Op, h.soapFault(code, c.faultID(), desc))
	}
	return resp
}

func (h *Handler) dispatch(ctx context.Context, req *soap.Request, c *call) (any, error) {
	st, err := h.checkCaller(req.Header)
	if err != nil {
		return nil, err
	}
	switch req.Op {
	case soap.OpVerify:
		c.notice = req.Verify.NoticeNumber
		return h.verify(ctx, st, req, c)
	case soap.OpGetPayment, soap.OpGetPaymentV2:
		c.notice = req.Payment.NoticeNumber
		return h.getPayment(ctx, st, req, c)
	case soap.OpSendRT, soap.OpSendRTV2:
		c.notice = req.SendRT.Receipt.NoticeNumber
		return h.sendRT(ctx, req, c)
	case soap.OpDemand:
		return h.demandNotice(ctx, st, req, c)
	}
	return nil, Fault(FaultSyntaxExtraXSD, "unknown operation")
}

// checkCaller checks idBrokerPA, idStation and idPA against the
// configuration.
func (h *Handler) checkCaller(hd soap.Header) (*Station, error) {
	if hd.IDBrokerPA != h.cfg.BrokerID {
		return nil, Fault(FaultWrongBroker, "idBrokerPA not served by this endpoint")
	}
	st := h.cfg.Station(hd.IDStation)
	if st == nil {
		return nil, Fault(FaultWrongStation, "idStation not served by this endpoint")
	}
	if st.Ente(hd.IDPA) == nil {
		return nil, Fault(FaultWrongDomain, "idPA not served by this station")
	}
	return st, nil
}
