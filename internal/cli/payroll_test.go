package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

const sta61CSV = "employee,month,income,special,additional\n张三,1,30000,4500,2000\n张三,2,30000,4500,2000\n张三,3,30000,4500,2000\n"

// The published months of 国家税务总局公告2018年第61号解读 through the command.
func TestPayrollCSV(t *testing.T) {
	out, stderr, code := run(t, sta61CSV, "payroll", "-", "--year", "2019")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "employee,month,date,months,rule,income") {
		t.Fatalf("output:\n%s", out)
	}
	for i, w := range []string{",555.00,0.00,555.00,", ",625.00,0.00,625.00,", ",1850.00,0.00,1850.00,"} {
		if !strings.Contains(lines[i+1], w) {
			t.Errorf("month %d: %s lacks %s", i+1, lines[i+1], w)
		}
	}
}

func TestPayrollJSONAndErrors(t *testing.T) {
	out, stderr, code := run(t, sta61CSV+"=HYPERLINK(1),1,10000,0,0\n", "payroll", "-", "--year", "2019", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Year      int
		Months    []map[string]any
		Employees []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Year != 2019 || len(doc.Months) != 4 || len(doc.Employees) != 2 {
		t.Fatalf("%+v", doc)
	}
	if e := doc.Employees[1]; e["employee"] != "张三" || e["balance"] != "-2715.00" || e["balance_kind"] != "refund" {
		t.Errorf("summary %v", e)
	}
	// A spreadsheet formula in an echoed cell is defused in CSV.
	out, _, _ = run(t, "employee,month,income\n=HYPERLINK(1),1,10000\n", "payroll", "-", "--year", "2024")
	if !strings.Contains(out, "\n'=HYPERLINK(1),") {
		t.Errorf("not guarded:\n%s", out)
	}
	_, stderr, code = run(t, sta61CSV, "payroll", "-", "--year", "2018", "--lang", "zh")
	if code != 2 || !strings.Contains(stderr, "iit.wage_monthly") {
		t.Errorf("2018: exit %d %s", code, stderr)
	}
	out, stderr, code = run(t, "employee,month,income\ne,1,100\ne,3,100\n", "payroll", "-", "--lang", "en")
	if code != 2 || out != "" || !strings.Contains(stderr, "line 2 (employee e, month 2): month 2 is missing") {
		t.Errorf("gap: exit %d out %q err %s", code, out, stderr)
	}
}
