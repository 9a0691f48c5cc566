package pagopa

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pagokit/pagokit/bollo"
	"github.com/pagokit/pagokit/notice"
)

// Config describes the creditor side as registered on the Nodo: a broker
// (intermediario, idBrokerPA), its stations and the enti each station
// serves. One Handler may serve several stations and enti. Its JSON form
// is the ec.json of the pagokit CLI.
type Config struct {
	BrokerID string    `json:"idBrokerPA"`
	Stations []Station `json:"stations"`
}

// A Station is an endpoint registered on the Nodo (idStation) with the
// notice numbers it issues: an aux digit and a segregation code (aux 3) or
// an application code (aux 0).
type Station struct {
	ID              string `json:"idStation"`
	AuxDigit        int    `json:"auxDigit"`
	SegregationCode string `json:"segregationCode,omitempty"`
	ApplicationCode string `json:"applicationCode,omitempty"`
	// PrimitiveVersion is the version of the primitives the station is
	// configured for on the Nodo: 1 (paGetPayment, paSendRT) or 2
	// (paGetPaymentV2, paSendRTV2). The Handler answers both.
	PrimitiveVersion int    `json:"primitiveVersion"`
	Enti             []Ente `json:"enti"`
}

// An Ente is a creditor institution served by a station.
type Ente struct {
	FiscalCode  string `json:"idPA"`
	CompanyName string `json:"companyName"`
	OfficeName  string `json:"officeName,omitempty"`
	// Province is the car-plate code of the province of the ente's
	// registered office (such as "RM"). A @e.bollo stamp request for a
	// debtor resident abroad carries it as provinciaResidenza.
	Province string `json:"province,omitempty"`
}

// ErrConfig is wrapped by configuration errors.
var ErrConfig = errors.New("pagopa: invalid configuration")

// Validate checks the configuration: ids present, aux digits with the codes
// they need, primitive versions 1 or 2, enti with 11-digit fiscal codes and
// a name, no station id repeated.
func (c *Config) Validate() error {
	ps := &problems{}
	text(ps, "idBrokerPA", c.BrokerID, maxText35, true)
	if len(c.Stations) == 0 {
		ps.add("stations", fmt.Errorf("%w: at least one station", ErrCount))
	}
	ids := map[string]bool{}
	for i, s := range c.Stations {
		p := "stations[" + strconv.Itoa(i) + "]"
		text(ps, p+".idStation", s.ID, maxText35, true)
		if ids[s.ID] {
			ps.add(p+".idStation", fmt.Errorf("%w: repeated station", ErrInconsistent))
		}
		ids[s.ID] = true
		switch s.AuxDigit {
		case 0:
			if len(s.ApplicationCode) != 2 || !isDigits(s.ApplicationCode) {
				ps.add(p+".applicationCode", fmt.Errorf("%w: aux digit 0 needs a 2-digit application code", ErrFormat))
			}
		case 3:
			if len(s.SegregationCode) != 2 || !isDigits(s.SegregationCode) {
				ps.add(p+".segregationCode", fmt.Errorf("%w: aux digit 3 needs a 2-digit segregation code", ErrFormat))
			}
		case 1, 2:
		default:
			ps.add(p+".auxDigit", fmt.Errorf("%w: must be 0 to 3", ErrFormat))
		}
		if s.PrimitiveVersion != 1 && s.PrimitiveVersion != 2 {
			ps.add(p+".primitiveVersion", fmt.Errorf("%w: must be 1 or 2", ErrFormat))
		}
		if len(s.Enti) == 0 {
			ps.add(p+".enti", fmt.Errorf("%w: at least one ente", ErrCount))
		}
		for j, e := range s.Enti {
			ep := p + ".enti[" + strconv.Itoa(j) + "]"
			if !isFiscalCodePA(e.FiscalCode) {
				ps.add(ep+".idPA", fmt.Errorf("%w: must be 11 digits", ErrFiscalCode))
			}
			text(ps, ep+".companyName", e.CompanyName, maxText140, true)
			text(ps, ep+".officeName", e.OfficeName, maxText140, false)
			if e.Province != "" && !bollo.ValidProvince(e.Province) {
				ps.add(ep+".province", fmt.Errorf("%w: two upper-case letters", ErrFormat))
			}
		}
	}
	if err := ps.err(); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return nil
}

// Station returns the station with the given id, or nil.
func (c *Config) Station(id string) *Station {
	for i := range c.Stations {
		if c.Stations[i].ID == id {
			return &c.Stations[i]
		}
	}
	return nil
}

// Ente returns the ente with the given fiscal code if the station serves
// it, or nil.
func (s *Station) Ente(fiscalCode string) *Ente {
	for i := range s.Enti {
		if s.Enti[i].FiscalCode == fiscalCode {
			return &s.Enti[i]
		}
	}
	return nil
}

// Ente returns the ente with the given fiscal code and the first station
// that serves it, or nils.
func (c *Config) Ente(fiscalCode string) (*Ente, *Station) {
	for i := range c.Stations {
		if e := c.Stations[i].Ente(fiscalCode); e != nil {
			return e, &c.Stations[i]
		}
	}
	return nil, nil
}

// NoticeNumber returns the notice number of an IUV issued by the station
// (aux 3: "3" + IUV; aux 0: "0" + application code + IUV). The IUV must
// carry the station's segregation code and valid check digits.
func (s *Station) NoticeNumber(iuv string) (notice.Number, error) {
	app := ""
	if s.AuxDigit == 0 {
		app = s.ApplicationCode
	}
	n, err := notice.FromIUV(s.AuxDigit, app, iuv)
	if err != nil {
		return notice.Number{}, fmt.Errorf("%w: %w", ErrNoticeNumber, err)
	}
	if !s.Issued(n) {
		return notice.Number{}, fmt.Errorf("%w: IUV not of station %s (segregation or application code)", ErrNoticeNumber, s.ID)
	}
	return n, nil
}

// Issued reports whether n has the station's aux digit and segregation or
// application code.
func (s *Station) Issued(n notice.Number) bool {
	if n.AuxDigit() != s.AuxDigit {
		return false
	}
	switch s.AuxDigit {
	case 0:
		return n.ApplicationCode() == s.ApplicationCode
	case 3:
		return n.SegregationCode() == s.SegregationCode
	}
	return true
}

// CheckPosition checks that a valid position belongs to an ente of the
// configuration and that each option's IUV (and NAV, when given) was
// issued by a station serving that ente.
func (c *Config) CheckPosition(p *Position) error {
	ps := &problems{}
	var stations []*Station
	for i := range c.Stations {
		if c.Stations[i].Ente(p.Organization) != nil {
			stations = append(stations, &c.Stations[i])
		}
	}
	if len(stations) == 0 {
		ps.add("organizationFiscalCode", fmt.Errorf("%w: no configured station serves ente %s", ErrInconsistent, p.Organization))
		return ps.err()
	}
	for i := range p.Options {
		o := &p.Options[i]
		path := "paymentOption[" + strconv.Itoa(i) + "]"
		var n notice.Number
		var err error
		for _, s := range stations {
			if n, err = s.NoticeNumber(o.IUV); err == nil {
				break
			}
		}
		if err != nil {
			ps.add(path+".iuv", err)
			continue
		}
		if o.NAV != "" && o.NAV != n.String() {
			ps.add(path+".nav", fmt.Errorf("%w: the nav does not match the IUV (want %s)", ErrInconsistent, n))
		}
		for j, t := range o.Transfers {
			if t.Stamp == nil {
				continue
			}
			tp := path + ".transfer[" + strconv.Itoa(j) + "].stamp"
			v2 := false
			for _, s := range stations {
				if s.PrimitiveVersion == 2 && s.Issued(n) {
					v2 = true
				}
			}
			if !v2 {
				ps.add(tp, fmt.Errorf("%w: no station on primitives version 2 issues this notice number", ErrStampNeedsV2))
			}
			if t.Stamp.ProvincialResidence == "" {
				var office string
				if e, _ := c.Ente(p.Organization); e != nil {
					office = e.Province
				}
				if _, err := bollo.ResidenceProvince(p.Country, "", office); err != nil {
					ps.add(tp+".provincialResidence", fmt.Errorf("%w: the debtor is resident abroad and ente %s has no province configured", ErrMissing, p.Organization))
				}
			}
		}
	}
	return ps.err()
}
