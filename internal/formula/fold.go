package formula

// Fold returns n with every if(c, a, b) whose condition reads nothing but
// params and literals replaced by the branch env takes. Params are fixed by
// the date, so on that date the other branch cannot apply: a reader sees
// only the rule in force (the stamp duty of the Law, not the old jiao
// rounding beside it), and the line shown is still the expression that
// computed. n is never modified; unchanged subtrees are shared.
func Fold(n Node, env *Env) Node {
	quiet := *env
	// Reading a condition here is not part of the evaluation: it must not
	// mark params as read (that decides the unverified warnings).
	quiet.Read, quiet.TRead = nil, nil
	return fold(n, &quiet, false)
}

// operand: n sits under an operator, so a sum put in its place needs
// parentheses (the printer writes only the Paren nodes it is given).
func fold(n Node, env *Env, operand bool) Node {
	switch n := n.(type) {
	case *Paren:
		x := fold(n.X, env, false)
		if x == n.X {
			return n
		}
		if _, ok := x.(*Paren); ok {
			return x
		}
		c := *n
		c.X = x
		return &c
	case *Unary:
		x := fold(n.X, env, true)
		if x == n.X {
			return n
		}
		c := *n
		c.X = x
		return &c
	case *Binary:
		x, y := fold(n.X, env, true), fold(n.Y, env, true)
		if x == n.X && y == n.Y {
			return n
		}
		c := *n
		c.X, c.Y = x, y
		return &c
	case *Call:
		if n.Name == "if" && len(n.Args) == 3 && fixed(n.Args[0]) {
			if take, err := CompileBool(n.Args[0])(env); err == nil {
				br := n.Args[2]
				if take {
					br = n.Args[1]
				}
				r := fold(br, env, operand)
				if _, ok := r.(*Binary); ok && operand {
					s, e := r.Span()
					return &Paren{Start: s, End: e, X: r}
				}
				return r
			}
		}
		var args []Node
		for i, a := range n.Args {
			if f := fold(a, env, false); f != a {
				if args == nil {
					args = append([]Node(nil), n.Args...)
				}
				args[i] = f
			}
		}
		if args == nil {
			return n
		}
		c := *n
		c.Args = args
		return &c
	}
	return n
}

// fixed reports whether a condition reads only params and literals. Calls
// are left alone: chose() reads an input, and compiling a table call would
// write to the shared tree.
func fixed(n Node) bool {
	ok := true
	Walk(n, func(n Node) {
		switch n := n.(type) {
		case *Ident:
			if n.Sym == nil || n.Sym.Sym != SymParam {
				ok = false
			}
		case *Call:
			ok = false
		}
	})
	return ok
}
