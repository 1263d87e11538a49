package payroll

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

func load(t testing.TB) (*engine.Engine, map[i18n.Lang]*i18n.Catalog) {
	t.Helper()
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	return eng, cats
}

// run computes a CSV text and returns the months by "employee/month".
func run(t *testing.T, year int, csv string) (map[string]Month, *Machine, error) {
	t.Helper()
	eng, cats := load(t)
	out := map[string]Month{}
	m, err := Run(eng, cats, year, strings.NewReader(csv), func(mo Month) error {
		out[fmt.Sprintf("%s/%d", mo.Employee, mo.Month)] = mo
		return nil
	})
	return out, m, err
}

func yuan(c int64) string { return money(c).StringFixed(2) }

func want(t *testing.T, what string, got int64, exp string) {
	t.Helper()
	if yuan(got) != exp {
		t.Errorf("%s = %s, want %s", what, yuan(got), exp)
	}
}

// 国家税务总局公告2018年第61号解读: 30,000 a month, 三险一金 4,500, two
// additional deductions 2,000: January 555, February 625, March 1,850.
// The rest of the year by hand: cumulative taxable 18,500 × m on the annual
// table, less what was withheld before; the year's total is 27,480
// (222,000 × 20% − 16,920), December 3,700.
func TestSTA61Months(t *testing.T) {
	var b strings.Builder
	b.WriteString("employee,month,income,special,additional\n")
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&b, "张三,%d,30000,4500,2000\n", m)
	}
	got, mach, err := run(t, 2019, b.String())
	if err != nil {
		t.Fatal(err)
	}
	exp := []string{"555.00", "625.00", "1850.00", "1850.00", "1850.00", "1850.00", "1850.00", "2250.00", "3700.00", "3700.00", "3700.00", "3700.00"}
	var total int64
	for m := 1; m <= 12; m++ {
		mo := got[fmt.Sprintf("张三/%d", m)]
		want(t, fmt.Sprintf("month %d withheld", m), mo.Withheld, exp[m-1])
		total += mo.Withheld
		want(t, fmt.Sprintf("month %d cum_taxable", m), mo.CumTaxable, yuan(int64(18500*m)*100))
		want(t, fmt.Sprintf("month %d net", m), mo.Net, yuan(3000000-450000-mo.Withheld))
	}
	want(t, "year", total, "27480.00")
	want(t, "March cum_tax", got["张三/3"].CumTax, "3030.00")
	s := mach.Summary("张三")
	want(t, "settlement balance", s.Balance, "0.00")
	if s.Settlement == nil {
		t.Fatal("no settlement")
	}
}

// A job change in July: the new employer starts its own cumulation, months
// counted from July, so July is taxed like a January. The annual
// settlement of the two employers' wages together then asks for more.
func TestJobChange(t *testing.T) {
	old := "employee,month,income,special,additional\n"
	neu := "employee,month,income,special,additional\n"
	for m := 1; m <= 6; m++ {
		old += fmt.Sprintf("李四,%d,30000,4500,2000\n", m)
	}
	for m := 7; m <= 12; m++ {
		neu += fmt.Sprintf("李四,%d,30000,4500,2000\n", m)
	}
	a, ma, err := run(t, 2024, old)
	if err != nil {
		t.Fatal(err)
	}
	b, mb, err := run(t, 2024, neu)
	if err != nil {
		t.Fatal(err)
	}
	want(t, "July withheld (months 1)", b["李四/7"].Withheld, "555.00")
	if b["李四/7"].Months != 1 || b["李四/12"].Months != 6 {
		t.Errorf("months: July %d, December %d", b["李四/7"].Months, b["李四/12"].Months)
	}
	want(t, "June cum_basic", a["李四/6"].CumBasic, "30000.00")
	// Each employer withheld 6 × 18,500 = 111,000 → 111,000 × 10% − 2,520 = 8,580.
	sa, sb := ma.Summary("李四"), mb.Summary("李四")
	want(t, "old employer", sa.WageTax, "8580.00")
	want(t, "new employer", sb.WageTax, "8580.00")
	// Together: 222,000 → 27,480; withheld 17,160; top-up 10,320.
	eng, _ := load(t)
	res, err := eng.Calc("iit.annual", map[string]string{"wages": "360000", "special": "54000", "additional": "24000",
		"withheld": yuan(sa.WageTax + sb.WageTax)}, date.MustParse("2024-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	want(t, "settlement of both", cents(res.Answer().Value), "10320.00")
}

// A retroactive deduction makes the cumulative tax fall below what was
// withheld: withhold 0, and keep counting what was actually withheld (300),
// not March's lower cumulative tax (90).
func TestCumulativeTaxFalls(t *testing.T) {
	csv := "employee,month,income,additional\nw,1,10000,0\nw,2,10000,0\nw,3,10000,12000\nw,4,10000,0\nw,5,10000,0\n"
	got, _, err := run(t, 2023, csv)
	if err != nil {
		t.Fatal(err)
	}
	want(t, "Jan", got["w/1"].Withheld, "150.00")
	want(t, "Feb", got["w/2"].Withheld, "150.00")
	want(t, "Mar cum_tax", got["w/3"].CumTax, "90.00")
	want(t, "Mar", got["w/3"].Withheld, "0.00")
	want(t, "Apr (240 − 300)", got["w/4"].Withheld, "0.00")
	want(t, "May (390 − 300)", got["w/5"].Withheld, "90.00")
}

// A bonus month: the separately taxed bonus is outside the cumulation.
func TestBonusMonth(t *testing.T) {
	csv := "employee,month,income,special,bonus\n"
	for m := 1; m <= 12; m++ {
		bonus := ""
		if m == 12 {
			bonus = "60000"
		}
		csv += fmt.Sprintf("e,%d,10000,1000,%s\n", m, bonus)
	}
	csv += "f,1,10000,1000,36001\nf,2,10000,1000,5000\n"
	got, mach, err := run(t, 2024, csv)
	if err != nil {
		t.Fatal(err)
	}
	dec := got["e/12"]
	want(t, "bonus tax", dec.BonusTax, "5790.00")
	want(t, "cum_income", dec.CumIncome, "120000.00")
	// wages: 12 × 4,000 = 48,000 → 48,000 × 10% − 2,520 = 2,280; to November 44,000 → 1,880: 400
	want(t, "December wage tax", dec.WageTax, "400.00")
	want(t, "withheld", dec.Withheld, "6190.00")
	want(t, "net", dec.Net, "62810.00")
	// A second bonus in the year is wages of its month.
	if got["f/2"].BonusAsWage != bonusOnceMessage || got["f/2"].BonusTax != 0 {
		t.Errorf("second bonus: %+v", got["f/2"])
	}
	want(t, "second bonus in cum_income", got["f/2"].CumIncome, "25000.00")
	s := mach.Summary("e")
	if s.Compare == nil {
		t.Fatal("no bonus comparison")
	}
	// other taxable 120,000 − 12,000 − 60,000 = 48,000: separate 5,790 + 2,280 = 8,070;
	// merged 108,000 × 10% − 2,520 = 8,280: separate lower by 210.
	want(t, "saving", cents(s.Compare.Answer().Value), "210.00")
}

// From 2028 no separate method is in force: the bonus is wages.
func TestBonusAfter2027(t *testing.T) {
	got, _, err := run(t, 2028, "employee,month,income,bonus\ne,1,10000,20000\n")
	if err != nil {
		t.Fatal(err)
	}
	if got["e/1"].BonusAsWage != bonusEndedMessage {
		t.Errorf("%+v", got["e/1"])
	}
	want(t, "cum_income", got["e/1"].CumIncome, "30000.00")
	want(t, "withheld", got["e/1"].Withheld, "750.00") // 25,000 × 3%
}

// Before 2019 each month was taxed on its own: the year is refused and the
// month-by-month formula named.
func TestYear2018Refused(t *testing.T) {
	_, _, err := run(t, 2018, "employee,month,income\ne,1,10000\n")
	var ye *YearError
	if !errors.As(err, &ye) {
		t.Fatalf("err = %v", err)
	}
	_, cats := load(t)
	for _, l := range i18n.Langs {
		msg := strings.Join(engine.Messages(err, cats[l]), " ")
		if !strings.Contains(msg, "iit.wage_monthly") {
			t.Errorf("%s: %q does not name iit.wage_monthly", l, msg)
		}
	}
}

// 国家税务总局公告2020年第19号: prior-year income ≤ 60,000 with the same
// employer deducts 60,000 from January (2021 on); 2020 is the ordinary method.
func TestSixtyThousandRule(t *testing.T) {
	csv := "employee,month,income,prior_income\n"
	for m := 1; m <= 12; m++ {
		csv += fmt.Sprintf("a,%d,8000,50000\n", m)
		csv += fmt.Sprintf("b,%d,8000,70000\n", m)
	}
	got, _, err := run(t, 2021, csv)
	if err != nil {
		t.Fatal(err)
	}
	for m := 1; m <= 7; m++ {
		want(t, fmt.Sprintf("a month %d", m), got[fmt.Sprintf("a/%d", m)].Withheld, "0.00")
	}
	want(t, "a basic", got["a/1"].CumBasic, "60000.00")
	want(t, "a month 8 (64,000 − 60,000) × 3%", got["a/8"].Withheld, "120.00")
	want(t, "b month 1 (over 60,000: ordinary)", got["b/1"].Withheld, "90.00")
	got, _, err = run(t, 2020, strings.ReplaceAll(csv, "70000", "50000"))
	if err != nil {
		t.Fatal(err)
	}
	want(t, "2020: not yet in force", got["a/1"].Withheld, "90.00")
	// Not on the payroll from January: a contradiction.
	_, _, err = run(t, 2021, "employee,month,income,prior_income\nc,3,8000,50000\n")
	var re *RowError
	if !errors.As(err, &re) || re.Code != CodePrior {
		t.Errorf("prior for a March starter: %v", err)
	}
}

// 国家税务总局公告2020年第13号: a first job in July counts seven months.
func TestFirstJob(t *testing.T) {
	got, _, err := run(t, 2021, "employee,month,income,special,first_job\nn,7,10000,2000,是\nn,8,10000,2000,\no,7,10000,2000,false\n")
	if err != nil {
		t.Fatal(err)
	}
	if got["n/7"].Months != 7 || got["n/7"].Rule != RuleFirstJob {
		t.Errorf("first job months %d %s", got["n/7"].Months, got["n/7"].Rule)
	}
	want(t, "first job July", got["n/7"].Withheld, "0.00")
	want(t, "first job basic", got["n/8"].CumBasic, "40000.00")
	want(t, "ordinary July (3,000 × 3%)", got["o/7"].Withheld, "90.00")
}

// Months in any order give the same figures; a net column solves for income.
func TestAnyOrderAndNet(t *testing.T) {
	sorted := "employee,month,income,special\nx,1,20000,2000\nx,2,20000,2000\nx,3,20000,2000\ny,1,9000,0\n"
	mixed := "月份,员工,收入,专项扣除\n3,x,20000,2000\n1,y,9000,0\n2,x,20000,2000\n1,x,20000,2000\n"
	a, _, err := run(t, 2024, sorted)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := run(t, 2024, mixed)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range a {
		w := b[k]
		w.Line, v.Line = 0, 0
		if v != w {
			t.Errorf("%s: sorted %+v, mixed %+v", k, v, w)
		}
	}
	got, _, err := run(t, 2024, "Employee,Month,Net pay,Special deductions\nz,1,15000,2000\nz,2,15000,2000\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"z/1", "z/2"} {
		if got[k].Net != 1500000 {
			t.Errorf("%s net %s (income %s)", k, yuan(got[k].Net), yuan(got[k].Income))
		}
	}
	// 15,000 net + 2,000 = income − tax: (income − 7,000) × 3% = tax → income 17,309.28
	want(t, "solved income", got["z/1"].Income, "17309.28")
}

func TestRowErrors(t *testing.T) {
	_, cats := load(t)
	cases := []struct {
		csv, code string
		line      int
		emp       string
		month     int
	}{
		{"employee,month,income\ne,1,100\ne,3,100\n", CodeGap, 2, "e", 2},
		{"employee,month,income\ne,1,100\ne,1,100\n", CodeDuplicate, 3, "e", 1},
		{"employee,month,income\ne,13,100\n", CodeMonth, 2, "e", 0},
		{"employee,month,income\ne,1,12x\n", CodeNumber, 2, "e", 1},
		{"employee,month,income\ne,1,-5\n", CodeNegative, 2, "e", 1},
		{"employee,month,income\ne,1,1,2\n", CodeCells, 2, "", 0},
		{"employee,month,income\ne,1\n", CodeCells, 2, "", 0},
		{"employee,month,salary\n", CodeHeader, 1, "", 0},
		{"employee,month,income\n\"e,1,100\n", CodeQuote, 2, "", 0},
		{"employee,month,income,net\ne,1,100,90\n", CodeIncomeNet, 2, "e", 1},
		{"", CodeEmpty, 0, "", 0},
	}
	for _, c := range cases {
		_, _, err := run(t, 2024, c.csv)
		var re *RowError
		if !errors.As(err, &re) {
			t.Errorf("%q: err = %v", c.csv, err)
			continue
		}
		if re.Code != c.code || re.Line != c.line || re.Employee != c.emp || re.Month != c.month {
			t.Errorf("%q: got %s line %d %q month %d; want %s line %d %q month %d", c.csv, re.Code, re.Line, re.Employee, re.Month, c.code, c.line, c.emp, c.month)
		}
		for _, l := range i18n.Langs {
			if msg := re.Message(cats[l]); strings.Contains(msg, "⟦") {
				t.Errorf("%s: missing message: %s", l, msg)
			}
		}
	}
	// A cell echoed in a message cannot move the terminal's cursor.
	_, _, err := run(t, 2024, "employee,month,income\n\x1b[2Je,1,abc\n")
	msg := strings.Join(engine.Messages(err, cats[i18n.EN]), " ")
	if strings.ContainsRune(msg, 0x1b) || !strings.Contains(msg, `\u001b`) {
		t.Errorf("escape not shown escaped: %q", msg)
	}
}

func TestLongLine(t *testing.T) {
	csv := "employee,month,income\ne,1," + strings.Repeat("1", MaxLine+10) + "\n"
	_, _, err := run(t, 2024, csv)
	var re *RowError
	if !errors.As(err, &re) || re.Code != CodeLineLong || re.Line != 2 {
		t.Errorf("err = %v", err)
	}
}

func TestCellGuard(t *testing.T) {
	for in, out := range map[string]string{"=1+1": "'=1+1", "+x": "'+x", "-2": "'-2", "@a": "'@a", "\tx": "'\tx", "张三": "张三", "": ""} {
		if g := CellGuard(in); g != out {
			t.Errorf("CellGuard(%q) = %q", in, g)
		}
	}
}

// The prepared evaluation must give exactly what the engine gives.
func TestPreparedMatchesEngine(t *testing.T) {
	eng, _ := load(t)
	r := rand.New(rand.NewPCG(1, 2))
	for _, id := range []string{FormulaMonth, FormulaBonus, FormulaAnnual, "iit.gross_up"} {
		f := eng.Cat.Formula(id)
		for i := range 400 {
			d := MonthDate(2019+r.IntN(9), 1+r.IntN(12))
			if !f.ValidOn(d) {
				continue
			}
			p, err := prepare(eng, id, d)
			if err != nil {
				t.Fatal(err)
			}
			given := make([]decimal.Decimal, len(f.Inputs))
			has := make([]bool, len(f.Inputs))
			g := map[string]engine.Given{}
			for _, in := range f.Inputs {
				if in.Required() || r.IntN(2) == 0 {
					v := decimal.New(r.Int64N(50000000), -2)
					switch in.ID {
					case "months":
						v = decimal.NewFromInt(1 + r.Int64N(12))
					case "kind":
						v = decimal.NewFromInt(1 + r.Int64N(2))
					case "special":
						if id == "iit.gross_up" {
							v = decimal.Zero
						}
					}
					given[in.Slot], has[in.Slot] = v, true
					g[in.ID] = engine.Given{Value: v}
				}
			}
			res, err := eng.Eval(f, g, d)
			perr := p.eval(given, has)
			if (err != nil) != (perr != nil) {
				t.Fatalf("%s #%d: engine %v, prepared %v", id, i, err, perr)
			}
			if err != nil {
				continue
			}
			for _, sv := range res.Steps {
				if got := p.env.Vals[sv.Step.Slot]; !got.Equal(sv.Value) {
					t.Fatalf("%s #%d %s: prepared %s, engine %s", id, i, sv.Step.ID, got, sv.Value)
				}
			}
		}
	}
}

// iit.gross_up finds the bracket with two trial passes: for every table of
// every date the final taxable amount must lie in the bracket its rate came
// from, and running the gross forward must give back the net.
func TestGrossUpConverges(t *testing.T) {
	eng, _ := load(t)
	for _, ds := range []string{"1997-06-30", "2007-06-30", "2009-06-30", "2015-06-30", "2018-11-30", "2024-06-30"} {
		d := date.MustParse(ds)
		for _, kind := range []string{"wage_monthly", "labor"} {
			for net := int64(0); net <= 30000000; net += 37313 {
				n := yuan(net)
				res, err := eng.Calc("iit.gross_up", map[string]string{"net": n, "kind": kind}, d)
				if err != nil {
					t.Fatal(err)
				}
				steps := map[string]decimal.Decimal{}
				for _, sv := range res.Steps {
					steps[sv.Step.ID] = sv.Value
				}
				// A third pass must not move the bracket.
				if !steps["trial2"].IsZero() {
					back := "iit.wage_monthly"
					in := map[string]string{"income": steps["gross"].StringFixed(2)}
					if kind == "labor" {
						back = "iit.labor"
					}
					fw, err := eng.Calc(back, in, d)
					if err != nil {
						t.Fatal(err)
					}
					if diff := fw.Answer().Value.Sub(steps["tax"]).Abs(); diff.GreaterThan(decimal.New(1, -2)) {
						t.Fatalf("%s %s net %s: gross %s taxes forward to %s, not %s", ds, kind, n, steps["gross"], fw.Answer().Value, steps["tax"])
					}
				}
			}
		}
	}
}
