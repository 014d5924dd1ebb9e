//! Placement of amounts whose column is not printed (space-separated rows where blank cells vanish).
//!
//! PDF-extracted tables separate cells with single spaces, so an empty cell leaves no trace: a row
//! of an expenditure table with columns `[合计, 基本支出, 项目支出]` may print only two numbers, and
//! nothing in the text says whether the second one is `基本支出` or `项目支出`. The table's own
//! arithmetic usually decides, and [`place`] uses it — and nothing else.
//!
//! # Model
//!
//! A row prints `k` values in column order. A *candidate* placement is an order-preserving injection
//! of the `k` values into the `m` columns (one of the `C(m, k)` combinations of columns; `k == m`
//! gives a single candidate, `k > m` none: [`PlacementError::TooManyValues`]). A blank cell counts
//! as zero in every sum. Two kinds of identity constrain the candidates:
//!
//! * **row identities** ([`RowIdentity`]), the same for every row: `total = Σ parts`, e.g.
//!   `合计 = 基本支出 + 项目支出`;
//! * **column identities**, from the hierarchy ([`RowInput::children`]): in every column a parent
//!   row equals the sum of its children (类 = Σ 款, 款 = Σ 项, 合计 = Σ 类).
//!
//! # Algorithm
//!
//! 1. **Row candidates.** Enumerate each row's candidates (in lexicographic order of columns) and
//!    keep those satisfying every row identity. When none does (the row contradicts itself), every
//!    candidate stays in play and the row's group is flagged as contradictory (step 4).
//! 2. **Hierarchy.** The children lists are sanitised into a forest: a parent's identity is
//!    *dropped entirely* (never truncated — a truncated sum would be a false identity) when one of
//!    its children is out of range, repeated, the parent itself, already claimed by an earlier
//!    parent, or a row that could not be placed; identities that close a cycle are dropped too.
//!    Dropping an identity can only add uncertainty, never false certainty.
//! 3. **Exact joint consistency on the tree.** Each column identity links a parent with its
//!    children, and these links form a tree, so the set of candidates of each row that occur in
//!    *some* joint assignment satisfying every identity is computed exactly, without enumerating
//!    the (exponential) joint assignments, by two passes of dynamic programming:
//!    * bottom-up, a parent keeps the candidates whose vector of cells is reachable as a sum of
//!      one still-feasible candidate per child (children with a single possible vector are summed
//!      into a constant; the others are combined into prefix sets of partial sums, pruned by
//!      per-column interval bounds of what the remaining children can still add);
//!    * top-down, a child keeps the options that, together with prefix sums of the children before
//!      it and suffix sums of those after it, reach one of the parent's remaining candidates.
//!
//!    The work is bounded ([`MAX_SUM_SET`] vectors per identity, [`WORK_BUDGET`] cell operations
//!    per call; arithmetic overflow counts as exceeding the bound). An identity that
//!    would exceed a bound is simply not used, which leaves its rows more ambiguous, never wrong.
//! 4. **Contradictions.** If a connected group (a tree of the forest) admits no joint assignment —
//!    the document has an arithmetic error somewhere in it — nothing in the group is trusted beyond
//!    the row identities: every row of the group falls back to its step-1 candidates.
//! 5. **Result.** A row whose remaining candidates are a single one is certain. Otherwise the
//!    lexicographically first candidate (earlier values in earlier columns) is returned, and every
//!    column whose cell (value or blank) is not identical across the remaining candidates is
//!    reported in [`Placement::uncertain`] — including columns left blank by the chosen candidate.
//!
//! Equality is exact ([`Decimal`] compares numerically, `1.0 == 1.00`); there is no tolerance.
//! [`place`] never panics.

use std::collections::{HashMap, HashSet};
use std::fmt;

use rust_decimal::Decimal;

/// Rows with more candidate placements than this are not placed ([`PlacementError::TooManyCandidates`]).
/// `C(15, 7) = 6435`, so any table of up to 15 columns is accepted.
pub const MAX_ROW_CANDIDATES: u128 = 10_000;

/// Tables with more columns than this are not placed ([`PlacementError::TooManyCandidates`]).
pub const MAX_COLUMNS: usize = 64;

/// Largest number of vectors kept (children's options; partial sums over all prefix and suffix
/// sets) while checking one column identity; past it, the identity is not used.
pub const MAX_SUM_SET: usize = 100_000;

/// Largest number of cell operations (additions, comparisons) one call of [`place`] spends on column
/// identities; past it, the remaining identities are not used.
pub const WORK_BUDGET: u64 = 30_000_000;

/// An identity within one row: column `total` equals the sum of columns `parts` (indices into the
/// table's columns; blank cells count as zero). Identities naming a column out of range are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIdentity {
    pub total: usize,
    pub parts: Vec<usize>,
}

/// One printed row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowInput {
    /// The amounts as printed, in order (blank cells are simply absent).
    pub values: Vec<Decimal>,
    /// Indices (into the `rows` slice) of the rows whose sum equals this row, in every column.
    /// Empty for a leaf. An invalid list (see the module documentation) is ignored as a whole.
    pub children: Vec<usize>,
    /// Columns known from other evidence (another table of the same document) to be blank in
    /// this row. Candidates that fill one are dropped, unless that would drop them all, in which
    /// case the hint is ignored: evidence from elsewhere narrows, it never contradicts.
    pub blank: Vec<usize>,
}

/// Where a row's printed values go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The column of each printed value (same length as [`RowInput::values`], increasing). When
    /// uncertain, the lexicographically first placement still in play.
    pub columns: Vec<usize>,
    /// The row's cells under this placement (length = column count; `None` = blank).
    pub cells: Vec<Option<Decimal>>,
    /// Columns whose cell (value or blank) differs between the placements still in play, in
    /// increasing order. Empty means the placement is certain.
    pub uncertain: Vec<usize>,
    /// How many placements remain in play (1 when certain).
    pub alternatives: usize,
    /// The row's group (rows linked by column identities) contradicts its own arithmetic: no joint
    /// assignment satisfies every identity, so only the row identities were used for this row.
    pub contradiction: bool,
}

impl Placement {
    /// Whether the placement is certain (no uncertain column).
    pub fn is_certain(&self) -> bool {
        self.uncertain.is_empty()
    }
}

/// Why a row could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacementError {
    /// The row prints more values than the table has columns.
    TooManyValues { values: usize, columns: usize },
    /// The row has more candidate placements (`C(columns, values)`) than [`MAX_ROW_CANDIDATES`],
    /// or the table more columns than [`MAX_COLUMNS`].
    TooManyCandidates { values: usize, columns: usize },
}

impl fmt::Display for PlacementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlacementError::TooManyValues { values, columns } => {
                write!(
                    f,
                    "row prints {values} values but the table has {columns} columns"
                )
            }
            PlacementError::TooManyCandidates { values, columns } => write!(
                f,
                "too many ways to place {values} values into {columns} columns"
            ),
        }
    }
}

impl std::error::Error for PlacementError {}

/// Places each row's printed values into the table's `column_count` columns; see the module
/// documentation for the algorithm. Returns one result per row, in order.
///
/// When the hierarchy contradicts itself (a parent that is not the sum of its children as
/// printed, e.g. a 1-yuan rounding difference), the placement is computed again once per parent
/// with that one parent's identity left out. Every variant that is consistent is a possible
/// explanation with a single error; a row stays certain only if it is placed identically, and
/// certainly, under every such explanation. With no single-error explanation the contradictory
/// result stands (row identities only).
pub fn place(
    column_count: usize,
    identities: &[RowIdentity],
    rows: &[RowInput],
) -> Vec<Result<Placement, PlacementError>> {
    let first = place_once(column_count, identities, rows);
    let contradictory =
        |r: &Result<Placement, PlacementError>| matches!(r, Ok(p) if p.contradiction);
    if !first.iter().any(contradictory) {
        return first;
    }
    let suspects: Vec<usize> = (0..rows.len())
        .filter(|&r| !rows[r].children.is_empty() && contradictory(&first[r]))
        .collect();
    if suspects.len() > MAX_LEAVE_ONE_OUT {
        return first;
    }
    let mut merged: Option<Vec<Result<Placement, PlacementError>>> = None;
    for p in suspects {
        let mut variant = rows.to_vec();
        variant[p].children.clear();
        let result = place_once(column_count, identities, &variant);
        if result.iter().any(contradictory) {
            continue;
        }
        merged = Some(match merged {
            None => result,
            Some(acc) => acc
                .into_iter()
                .zip(result)
                .map(|(a, b)| merge_explanations(a, b))
                .collect(),
        });
    }
    merged.unwrap_or(first)
}

/// At most this many parents are tried one by one when a hierarchy contradicts itself.
pub const MAX_LEAVE_ONE_OUT: usize = 200;

/// Two explanations of the same row: certain only where both agree and both are certain.
fn merge_explanations(
    a: Result<Placement, PlacementError>,
    b: Result<Placement, PlacementError>,
) -> Result<Placement, PlacementError> {
    let (mut a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    for col in 0..a.cells.len() {
        let differs = a.cells.get(col) != b.cells.get(col) || b.uncertain.contains(&col);
        if differs && !a.uncertain.contains(&col) {
            a.uncertain.push(col);
        }
    }
    a.uncertain.sort_unstable();
    if a.cells != b.cells {
        a.alternatives = a.alternatives.max(2).saturating_add(b.alternatives);
    } else {
        a.alternatives = a.alternatives.max(b.alternatives);
    }
    Ok(a)
}

/// One pass of [`place`] without the search for a single-error explanation: every row of a
/// group whose identities contradict each other is flagged `contradiction`.
pub fn place_once(
    column_count: usize,
    identities: &[RowIdentity],
    rows: &[RowInput],
) -> Vec<Result<Placement, PlacementError>> {
    let m = column_count;
    let identities: Vec<&RowIdentity> = identities
        .iter()
        .filter(|id| id.total < m && id.parts.iter().all(|&p| p < m))
        .collect();
    let mut states: Vec<Result<RowState, PlacementError>> = rows
        .iter()
        .map(|row| RowState::new(m, &identities, &row.values, &row.blank))
        .collect();
    let fixed = fixed_columns(m, states.iter().flatten());
    for state in states.iter_mut().flatten() {
        state.ignored = fixed;
    }
    let forest = Forest::new(rows, &states);
    let n = rows.len();
    let all = |r: usize| -> Vec<usize> {
        match &states[r] {
            Ok(state) => (0..state.cands.len()).collect(),
            Err(_) => Vec::new(),
        }
    };
    let mut budget = WORK_BUDGET;

    // Bottom-up: candidates feasible for the subtree below each row.
    let mut feasible: Vec<Vec<usize>> = (0..n).map(all).collect();
    let mut used = vec![false; n];
    for &p in &forest.postorder {
        let (kids, Ok(state)) = (&forest.kids[p], &states[p]) else {
            continue;
        };
        if kids.is_empty() {
            continue;
        }
        let sum = match SumIdentity::new(m, kids, &feasible, &states) {
            Ok(sum) => sum,
            Err(SumProblem::Impossible) => {
                // A child with no feasible candidate: the subtree is contradictory.
                feasible[p].clear();
                used[p] = true;
                continue;
            }
            Err(SumProblem::Unusable) => continue,
        };
        let (targets, which) = state.distinct_keys(&feasible[p]);
        if let Some(reachable) = sum.reachable(&targets, &mut budget) {
            let kept = feasible[p]
                .iter()
                .zip(which)
                .filter(|&(_, t)| reachable[t])
                .map(|(&c, _)| c)
                .collect();
            feasible[p] = kept;
            used[p] = true;
        }
    }

    // Groups whose arithmetic contradicts itself.
    let mut contradictory = vec![false; n];
    for r in 0..n {
        if let Ok(state) = &states[r] {
            if state.violated || feasible[r].is_empty() {
                contradictory[forest.tree[r]] = true;
            }
        }
    }

    // Top-down: candidates occurring in some joint assignment.
    let mut consistent: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &p in forest.postorder.iter().rev() {
        if contradictory[forest.tree[p]] {
            consistent[p] = all(p);
            continue;
        }
        if forest.parent[p].is_none() {
            consistent[p] = feasible[p].clone();
        }
        let (kids, Ok(state)) = (&forest.kids[p], &states[p]) else {
            continue;
        };
        for &kid in kids {
            consistent[kid] = feasible[kid].clone();
        }
        if kids.is_empty() || !used[p] {
            continue;
        }
        let Ok(sum) = SumIdentity::new(m, kids, &feasible, &states) else {
            continue;
        };
        let (targets, _) = state.distinct_keys(&consistent[p]);
        if let Some(supported) = sum.supported(&targets, &mut budget) {
            for (i, &kid) in sum.open.iter().enumerate() {
                let Ok(kid_state) = &states[kid] else {
                    continue;
                };
                let index: HashMap<&Key, usize> = sum.options[i]
                    .iter()
                    .enumerate()
                    .map(|(j, o)| (o, j))
                    .collect();
                consistent[kid].retain(|&c| {
                    index
                        .get(&kid_state.key(c))
                        .is_some_and(|&j| supported[i][j])
                });
            }
        }
    }

    states
        .into_iter()
        .enumerate()
        .map(|(r, state)| {
            let state = state?;
            let mut remaining = std::mem::take(&mut consistent[r]);
            if remaining.is_empty() {
                // Cannot happen when the passes are exact; stay honest if it does.
                remaining = (0..state.cands.len()).collect();
            }
            remaining.sort_unstable();
            let chosen = state.cells(remaining[0]);
            let mut differs = vec![false; m];
            for &c in &remaining[1..] {
                let mut values = state.values.iter();
                for (col, differ) in differs.iter_mut().enumerate() {
                    let cell = match state.cands[c] >> col & 1 {
                        1 => values.next().copied(),
                        _ => None,
                    };
                    *differ |= cell != chosen[col];
                }
            }
            Ok(Placement {
                columns: state.cols(remaining[0]),
                cells: chosen,
                uncertain: (0..m).filter(|&col| differs[col]).collect(),
                alternatives: remaining.len(),
                contradiction: contradictory[forest.tree[r]],
            })
        })
        .collect()
}

/// A vector of cells, blank = zero; length = column count.
type Key = Vec<Decimal>;

/// The columns whose cell is the same in every candidate of every row (bit set).
fn fixed_columns<'a>(m: usize, states: impl Iterator<Item = &'a RowState>) -> u64 {
    if !(1..=MAX_COLUMNS).contains(&m) {
        return 0;
    }
    states.fold(u64::MAX >> (64 - m), |acc, state| {
        acc & state.fixed_columns()
    })
}

/// A row's candidate placements that survive its row identities.
struct RowState {
    values: Vec<Decimal>,
    m: usize,
    /// The candidates satisfying every row identity (all candidates when none does), as bit sets
    /// of columns (at most [`MAX_COLUMNS`] columns), in lexicographic order of their column lists.
    cands: Vec<u64>,
    /// No candidate satisfies every row identity.
    violated: bool,
    /// Columns left out of the column identities (bit set): columns whose cell is the same in
    /// every candidate of every row carry no information about placement, and a rounding
    /// difference in them (a 合计 column off by one yuan) must not block the others.
    ignored: u64,
}

impl RowState {
    fn new(
        m: usize,
        identities: &[&RowIdentity],
        values: &[Decimal],
        blank: &[usize],
    ) -> Result<Self, PlacementError> {
        let k = values.len();
        if k > m {
            return Err(PlacementError::TooManyValues {
                values: k,
                columns: m,
            });
        }
        if m > MAX_COLUMNS || binomial(m, k) > MAX_ROW_CANDIDATES {
            return Err(PlacementError::TooManyCandidates {
                values: k,
                columns: m,
            });
        }
        let mut state = RowState {
            values: values.to_vec(),
            m,
            cands: Vec::new(),
            violated: false,
            ignored: 0,
        };
        let mut all = Vec::new();
        let mut key = vec![Decimal::ZERO; m];
        for_each_combination(m, k, |cols| {
            key.iter_mut().for_each(|cell| *cell = Decimal::ZERO);
            let mut mask = 0u64;
            for (&col, &value) in cols.iter().zip(values) {
                key[col] = value;
                mask |= 1 << col;
            }
            all.push(mask);
            if identities.iter().all(|id| holds(id, &key)) {
                state.cands.push(mask);
            }
        });
        if state.cands.is_empty() {
            state.cands = all;
            state.violated = true;
        }
        // Known-blank columns may hold a printed zero, never another amount.
        let blank_mask = blank
            .iter()
            .filter(|&&c| c < m)
            .fold(0u64, |acc, &c| acc | 1 << c);
        if blank_mask != 0 {
            let nonzero = |mask: u64| -> u64 {
                let mut out = 0u64;
                let mut value = values.iter();
                for col in 0..m {
                    if mask >> col & 1 == 1 && value.next().is_some_and(|v| !v.is_zero()) {
                        out |= 1 << col;
                    }
                }
                out
            };
            if state.cands.iter().any(|&c| nonzero(c) & blank_mask == 0) {
                state.cands.retain(|&c| nonzero(c) & blank_mask == 0);
            }
        }
        Ok(state)
    }

    /// The columns of candidate `c`, in order.
    fn cols(&self, c: usize) -> Vec<usize> {
        (0..self.m)
            .filter(|&col| self.cands[c] >> col & 1 == 1)
            .collect()
    }

    /// The cells of candidate `c` (`None` = blank).
    fn cells(&self, c: usize) -> Vec<Option<Decimal>> {
        let mut cells = vec![None; self.m];
        for (col, &value) in self.cols(c).into_iter().zip(&self.values) {
            cells[col] = Some(value);
        }
        cells
    }

    fn key_of(&self, mask: u64) -> Key {
        let mut key = vec![Decimal::ZERO; self.m];
        let cols = (0..self.m).filter(|&col| mask >> col & 1 == 1);
        for (col, &value) in cols.zip(&self.values) {
            if self.ignored >> col & 1 == 0 {
                key[col] = value;
            }
        }
        key
    }

    /// Columns whose cell (value or blank) is the same in all of this row's candidates.
    fn fixed_columns(&self) -> u64 {
        let Some(&first) = self.cands.first() else {
            return 0;
        };
        let first_cells = self.cells_of(first);
        let mut fixed = u64::MAX >> (64 - self.m.max(1));
        for &c in &self.cands[1..] {
            let cells = self.cells_of(c);
            for col in 0..self.m {
                if cells[col] != first_cells[col] {
                    fixed &= !(1 << col);
                }
            }
        }
        fixed
    }

    fn cells_of(&self, mask: u64) -> Vec<Option<Decimal>> {
        let mut cells = vec![None; self.m];
        let cols = (0..self.m).filter(|&col| mask >> col & 1 == 1);
        for (col, &value) in cols.zip(&self.values) {
            cells[col] = Some(value);
        }
        cells
    }

    /// The cells of candidate `c`, blank = zero.
    fn key(&self, c: usize) -> Key {
        self.key_of(self.cands[c])
    }

    /// The distinct keys of the candidates `subset`, in first-seen order, and for each member of
    /// `subset` the index of its key.
    fn distinct_keys(&self, subset: &[usize]) -> (Vec<Key>, Vec<usize>) {
        let mut index: HashMap<Key, usize> = HashMap::new();
        let mut keys = Vec::new();
        let which = subset
            .iter()
            .map(|&c| {
                let key = self.key(c);
                *index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    keys.len() - 1
                })
            })
            .collect();
        (keys, which)
    }
}

/// Whether a row identity holds for a vector of cells. A sum that overflows cannot be evaluated and
/// is taken as holding (never eliminate on arithmetic we cannot do).
fn holds(id: &RowIdentity, key: &[Decimal]) -> bool {
    let mut sum = Decimal::ZERO;
    for &part in &id.parts {
        match sum.checked_add(key[part]) {
            Some(s) => sum = s,
            None => return true,
        }
    }
    sum == key[id.total]
}

/// `C(m, k)`, saturating.
fn binomial(m: usize, k: usize) -> u128 {
    if k > m {
        return 0;
    }
    let k = k.min(m - k);
    let mut c: u128 = 1;
    for i in 0..k {
        // c * (m - i) / (i + 1) is exact at every step.
        c = match c.checked_mul((m - i) as u128) {
            Some(x) => x / (i as u128 + 1),
            None => return u128::MAX,
        };
    }
    c
}

/// Calls `f` with each `k`-combination of `0..m`, in lexicographic order.
fn for_each_combination(m: usize, k: usize, mut f: impl FnMut(&[usize])) {
    if k > m {
        return;
    }
    let mut idx: Vec<usize> = (0..k).collect();
    loop {
        f(&idx);
        let mut i = k;
        loop {
            if i == 0 {
                return;
            }
            i -= 1;
            if idx[i] < m - k + i {
                break;
            }
        }
        idx[i] += 1;
        for j in i + 1..k {
            idx[j] = idx[j - 1] + 1;
        }
    }
}

/// The sanitised hierarchy: a forest of column identities.
struct Forest {
    /// Children of each row whose identity is used (empty otherwise).
    kids: Vec<Vec<usize>>,
    parent: Vec<Option<usize>>,
    /// The root of each row's tree.
    tree: Vec<usize>,
    /// All rows, children before parents.
    postorder: Vec<usize>,
}

impl Forest {
    fn new(rows: &[RowInput], states: &[Result<RowState, PlacementError>]) -> Self {
        let n = rows.len();
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut parent: Vec<Option<usize>> = vec![None; n];
        for p in 0..n {
            let children = &rows[p].children;
            if children.is_empty() || states[p].is_err() {
                continue;
            }
            let mut seen = HashSet::new();
            let valid = children.iter().all(|&c| {
                c < n && c != p && seen.insert(c) && parent[c].is_none() && states[c].is_ok()
            });
            if valid {
                for &c in children {
                    parent[c] = Some(p);
                }
                kids[p] = children.clone();
            }
        }
        // Drop the identities of every row on a cycle (each row has at most one parent, so the
        // parent links form a functional graph: walk up, colouring).
        let mut colour = vec![0u8; n]; // 0 unvisited, 1 on the current walk, 2 done
        for start in 0..n {
            let mut path = Vec::new();
            let mut r = start;
            while colour[r] == 0 {
                colour[r] = 1;
                path.push(r);
                match parent[r] {
                    Some(p) => r = p,
                    None => break,
                }
            }
            if colour[r] == 1 && parent[r].is_some() {
                if let Some(pos) = path.iter().position(|&x| x == r) {
                    for &q in &path[pos..] {
                        for c in std::mem::take(&mut kids[q]) {
                            parent[c] = None;
                        }
                    }
                }
            }
            for &q in &path {
                colour[q] = 2;
            }
        }
        let mut tree = vec![0; n];
        let mut postorder = Vec::with_capacity(n);
        for root in (0..n).filter(|&r| parent[r].is_none()) {
            // Iterative depth-first search: (row, next child index).
            let mut stack = vec![(root, 0usize)];
            tree[root] = root;
            while let Some(top) = stack.last_mut() {
                let (r, i) = *top;
                if let Some(&c) = kids[r].get(i) {
                    top.1 += 1;
                    tree[c] = root;
                    stack.push((c, 0));
                } else {
                    postorder.push(r);
                    stack.pop();
                }
            }
        }
        Forest {
            kids,
            parent,
            tree,
            postorder,
        }
    }
}

/// Why a column identity cannot be checked.
enum SumProblem {
    /// A child has no feasible candidate: the identity cannot hold.
    Impossible,
    /// The identity cannot be evaluated (overflow, or a child that could not be placed).
    Unusable,
}

/// One column identity `parent = Σ children`, with the children whose vector is already unique
/// folded into a constant.
struct SumIdentity {
    m: usize,
    /// Sum of the children with a single possible vector.
    offset: Key,
    /// The children with several possible vectors, and their distinct vectors.
    open: Vec<usize>,
    options: Vec<Vec<Key>>,
}

impl SumIdentity {
    /// Fails when a child has no candidate left (the identity cannot hold), or when the sum of the
    /// children with a single vector overflows (the identity cannot be evaluated).
    fn new(
        m: usize,
        kids: &[usize],
        feasible: &[Vec<usize>],
        states: &[Result<RowState, PlacementError>],
    ) -> Result<Self, SumProblem> {
        let mut offset = vec![Decimal::ZERO; m];
        let mut open = Vec::new();
        let mut options = Vec::new();
        let mut stored = 0;
        for &kid in kids {
            let Ok(state) = &states[kid] else {
                return Err(SumProblem::Unusable);
            };
            let (distinct, _) = state.distinct_keys(&feasible[kid]);
            match distinct.len() {
                0 => return Err(SumProblem::Impossible),
                1 => offset = add(&offset, &distinct[0]).ok_or(SumProblem::Unusable)?,
                _ => {
                    stored += distinct.len();
                    if stored > MAX_SUM_SET {
                        return Err(SumProblem::Unusable);
                    }
                    open.push(kid);
                    options.push(distinct);
                }
            }
        }
        Ok(SumIdentity {
            m,
            offset,
            open,
            options,
        })
    }

    /// Parent vectors minus the constant (`None` on overflow).
    fn shifted(&self, targets: &[Key]) -> Option<Vec<Key>> {
        targets.iter().map(|t| sub(t, &self.offset)).collect()
    }

    /// Per-column bounds `[lo, hi]` of what children `range` can add.
    fn bounds(&self, range: std::ops::Range<usize>) -> Option<(Key, Key)> {
        let mut lo = vec![Decimal::ZERO; self.m];
        let mut hi = vec![Decimal::ZERO; self.m];
        for options in &self.options[range] {
            for col in 0..self.m {
                let (mut min, mut max) = (options[0][col], options[0][col]);
                for o in options {
                    min = min.min(o[col]);
                    max = max.max(o[col]);
                }
                lo[col] = lo[col].checked_add(min)?;
                hi[col] = hi[col].checked_add(max)?;
            }
        }
        Some((lo, hi))
    }

    /// Partial sums over the open children `0..i` (`prefix[i]`), pruned to those that the children
    /// `i..` can still complete into one of `targets`. `None` past a bound.
    fn prefix_sets(
        &self,
        targets: &[Key],
        budget: &mut u64,
        kept: &mut usize,
    ) -> Option<Vec<Vec<Key>>> {
        let n = self.open.len();
        let mut sets = vec![vec![vec![Decimal::ZERO; self.m]]];
        for i in 0..n {
            let boxes = boxes(targets, &self.bounds(i + 1..n)?)?;
            let mut next = Vec::new();
            let mut seen = HashSet::new();
            for a in &sets[i] {
                for y in &self.options[i] {
                    spend(budget, (1 + boxes.len() as u64) * (self.m as u64 + 1))?;
                    let s = add(a, y)?;
                    if in_some_box(&s, &boxes) && seen.insert(s.clone()) {
                        next.push(s);
                        *kept += 1;
                        if *kept > MAX_SUM_SET {
                            return None;
                        }
                    }
                }
            }
            sets.push(next);
        }
        Some(sets)
    }

    /// For each target (already shifted): whether the open children can sum to it.
    fn reachable(&self, targets: &[Key], budget: &mut u64) -> Option<Vec<bool>> {
        let targets = self.shifted(targets)?;
        let mut kept = 0;
        let prefix = self.prefix_sets(&targets, budget, &mut kept)?;
        let last: HashSet<&Key> = prefix.last()?.iter().collect();
        Some(targets.iter().map(|t| last.contains(t)).collect())
    }

    /// For each open child and each of its options: whether some choice of the other open children
    /// completes it into one of `targets` (parent vectors).
    fn supported(&self, targets: &[Key], budget: &mut u64) -> Option<Vec<Vec<bool>>> {
        let targets = self.shifted(targets)?;
        let n = self.open.len();
        let mut kept = 0;
        let prefix = self.prefix_sets(&targets, budget, &mut kept)?;
        // Suffix sums over the open children `i..` (`suffix[i]`), pruned symmetrically.
        let mut suffix: Vec<HashSet<Key>> = vec![HashSet::new(); n + 1];
        suffix[n].insert(vec![Decimal::ZERO; self.m]);
        for i in (0..n).rev() {
            let boxes = boxes(&targets, &self.bounds(0..i)?)?;
            let mut next = HashSet::new();
            for b in &suffix[i + 1] {
                for y in &self.options[i] {
                    spend(budget, (1 + boxes.len() as u64) * (self.m as u64 + 1))?;
                    let s = add(y, b)?;
                    if in_some_box(&s, &boxes) && next.insert(s) {
                        kept += 1;
                        if kept > MAX_SUM_SET {
                            return None;
                        }
                    }
                }
            }
            suffix[i] = next;
        }
        let mut supported = Vec::with_capacity(n);
        for i in 0..n {
            let mut row = Vec::with_capacity(self.options[i].len());
            for y in &self.options[i] {
                let mut found = false;
                'search: for t in &targets {
                    let rest = sub(t, y)?;
                    for a in &prefix[i] {
                        spend(budget, self.m as u64 + 1)?;
                        if suffix[i + 1].contains(&sub(&rest, a)?) {
                            found = true;
                            break 'search;
                        }
                    }
                }
                row.push(found);
            }
            supported.push(row);
        }
        Some(supported)
    }
}

/// For each target `t`, the box `[t - hi, t - lo]` of partial sums that children adding between
/// `lo` and `hi` can still complete into `t`.
fn boxes(targets: &[Key], (lo, hi): &(Key, Key)) -> Option<Vec<(Key, Key)>> {
    targets
        .iter()
        .map(|t| Some((sub(t, hi)?, sub(t, lo)?)))
        .collect()
}

fn in_some_box(s: &[Decimal], boxes: &[(Key, Key)]) -> bool {
    boxes.iter().any(|(lo, hi)| {
        s.iter()
            .zip(lo.iter().zip(hi))
            .all(|(v, (l, h))| l <= v && v <= h)
    })
}

fn spend(budget: &mut u64, amount: u64) -> Option<()> {
    *budget = budget.checked_sub(amount)?;
    Some(())
}

fn add(a: &[Decimal], b: &[Decimal]) -> Option<Key> {
    a.iter().zip(b).map(|(x, y)| x.checked_add(*y)).collect()
}

fn sub(a: &[Decimal], b: &[Decimal]) -> Option<Key> {
    a.iter().zip(b).map(|(x, y)| x.checked_sub(*y)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(&s.replace(',', "")).unwrap()
    }

    fn expenditure() -> Vec<RowIdentity> {
        vec![RowIdentity {
            total: 0,
            parts: vec![1, 2],
        }]
    }

    /// 2025年部门支出预算总表 of corpus/shanghai/text/putuo-govoffice-2025-dept-budget.txt (lines
    /// 149–170), verbatim. Columns: 合计, 基本支出, 项目支出.
    const PUTUO_TABLE: &str = "\
201 一般公共服务支出 82,096,797.42 15,686,797.42 66,410,000.00
201 03 政府办公厅（室）及相关机构事务 82,096,797.42 15,686,797.42 66,410,000.00
201 03 01 行政运行 12,029,501.84 11,919,501.84 110,000.00
201 03 02 一般行政管理事务 46,140,000.00 46,140,000.00
201 03 50 事业运行 3,807,295.58 3,767,295.58 40,000.00
201 03 99 其他政府办公厅（室）及相关机构事务支出 20,120,000.00 20,120,000.00
208 社会保障和就业支出 4,213,779.28 4,213,779.28
208 05 行政事业单位养老支出 4,213,779.28 4,213,779.28
208 05 01 行政单位离退休 1,554,220.00 1,554,220.00
208 05 05 机关事业单位基本养老保险缴费支出 1,763,159.52 1,763,159.52
208 05 06 机关事业单位职业年金缴费支出 881,579.76 881,579.76
208 05 99 其他行政事业单位养老支出 14,820.00 14,820.00

210 卫生健康支出 1,097,073.43 1,097,073.43
210 11 行政事业单位医疗 1,097,073.43 1,097,073.43
210 11 01 行政单位医疗 782,855.28 782,855.28
210 11 02 事业单位医疗 314,218.15 314,218.15
221 住房保障支出 3,609,125.22 3,609,125.22
221 02 住房改革支出 3,609,125.22 3,609,125.22
221 02 01 住房公积金 1,741,445.22 1,741,445.22
221 02 03 购房补贴 1,867,680.00 1,867,680.00
合计 91,016,775.35 24,606,775.35 66,410,000.00";

    /// Parses function-classification rows: leading code groups (类 / 款 / 项), trailing amounts;
    /// a row without code is the 合计 row, parent of every 类. Returns (codes, rows).
    fn parse_table(text: &str) -> (Vec<String>, Vec<RowInput>) {
        let mut codes = Vec::new();
        let mut rows = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let code: Vec<&str> = tokens
                .iter()
                .take_while(|t| t.chars().all(|c| c.is_ascii_digit()))
                .copied()
                .collect();
            let values: Vec<Decimal> = tokens
                .iter()
                .rev()
                .map_while(|t| Decimal::from_str(&t.replace(',', "")).ok())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            codes.push(code.join(""));
            rows.push(RowInput {
                values,
                children: Vec::new(),
                blank: Vec::new(),
            });
        }
        for p in 0..rows.len() {
            let children: Vec<usize> = (0..codes.len())
                .filter(|&c| {
                    if codes[p].is_empty() {
                        codes[c].len() == 3
                    } else {
                        codes[c].len() == codes[p].len() + 2 && codes[c].starts_with(&codes[p])
                    }
                })
                .collect();
            rows[p].children = children;
        }
        (codes, rows)
    }

    fn row_of(codes: &[String], code: &str) -> usize {
        codes.iter().position(|c| c == code).unwrap()
    }

    #[test]
    fn putuo_expenditure_table_is_fully_determined() {
        let (codes, rows) = parse_table(PUTUO_TABLE);
        assert_eq!(rows.len(), 21);
        let placed = place(3, &expenditure(), &rows);
        for (r, p) in placed.iter().enumerate() {
            let p = p.as_ref().unwrap();
            assert!(p.is_certain(), "row {} uncertain: {p:?}", codes[r]);
            assert!(!p.contradiction);
        }
        let p = placed[row_of(&codes, "2010302")].as_ref().unwrap();
        assert_eq!(p.columns, vec![0, 2]);
        assert_eq!(
            p.cells,
            vec![Some(d("46140000.00")), None, Some(d("46140000.00"))]
        );
        let p = placed[row_of(&codes, "2010399")].as_ref().unwrap();
        assert_eq!(p.columns, vec![0, 2]);
        // Everything under 208, 210 and 221 is basic expenditure (合计's basic column says so).
        for code in [
            "208", "20805", "2080501", "2080599", "210", "2101102", "221", "2210203",
        ] {
            let p = placed[row_of(&codes, code)].as_ref().unwrap();
            assert_eq!(p.columns, vec![0, 1], "{code}");
        }
    }

    #[test]
    fn putuo_row_inconsistency_gives_no_false_certainty() {
        // 20103's basic off by one cent: its own row identity fails.
        let text = PUTUO_TABLE.replace(
            "事务 82,096,797.42 15,686,797.42",
            "事务 82,096,797.42 15,686,797.43",
        );
        let (codes, rows) = parse_table(&text);
        let placed = place(3, &expenditure(), &rows);
        for (r, p) in placed.iter().enumerate() {
            let p = p.as_ref().unwrap();
            assert!(p.contradiction);
            assert_eq!(p.is_certain(), rows[r].values.len() == 3, "{}", codes[r]);
        }
        let p = placed[row_of(&codes, "2010302")].as_ref().unwrap();
        assert_eq!(p.uncertain, vec![1, 2]);
        assert_eq!(p.alternatives, 2);
    }

    #[test]
    fn putuo_column_inconsistency_gives_no_false_certainty() {
        // 2010301 is internally consistent but no longer adds up into 20103.
        let text =
            PUTUO_TABLE.replace("12,029,501.84 11,919,501.84", "12,029,501.85 11,919,501.85");
        let (codes, rows) = parse_table(&text);
        // As printed the hierarchy has no consistent placement at all.
        let once = place_once(3, &expenditure(), &rows);
        assert!(once.iter().all(|p| p.as_ref().unwrap().contradiction));
        // The one explanation with a single error is 20103's sum: rows that only 20103 decides
        // stay uncertain; rows decided elsewhere (20805's children) are placed.
        let placed = place(3, &expenditure(), &rows);
        let p = placed[row_of(&codes, "2010302")].as_ref().unwrap();
        assert_eq!(p.uncertain, vec![1, 2]);
        let p = placed[row_of(&codes, "2080501")].as_ref().unwrap();
        assert!(p.is_certain());
        assert_eq!(p.columns, vec![0, 1]);
    }

    #[test]
    fn a_single_rounding_error_leaves_the_rest_certain() {
        // [total, personnel, public_use]; 302's children sum to 3.00 but it prints 3.01 (as the
        // municipal finance bureau's table does with 24,840,778 vs 24,840,779 yuan).
        let basic = vec![RowIdentity {
            total: 0,
            parts: vec![1, 2],
        }];
        let rows = vec![
            row(&["7.01", "4.00", "3.01"], vec![1, 2]), // 合计 = 301 + 302
            row(&["4.00", "4.00"], vec![3]),            // 301
            row(&["3.01", "3.01"], vec![4, 5]),         // 302 (children sum to 3.00)
            row(&["4.00", "4.00"], vec![]),             // 30101
            row(&["1.00", "1.00"], vec![]),             // 30201
            row(&["2.00", "2.00"], vec![]),             // 30202
        ];
        let out: Vec<Placement> = place(3, &basic, &rows)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        // 301 and 302 are placed by the total row; 30101 by 301. 302's own children are not
        // decided by anything but the broken identity: they stay uncertain.
        assert!(out[1].is_certain() && out[1].columns == vec![0, 1]);
        assert!(out[2].is_certain() && out[2].columns == vec![0, 2]);
        assert!(out[3].is_certain() && out[3].columns == vec![0, 1]);
        assert!(!out[4].is_certain() && !out[5].is_certain());
    }

    #[test]
    fn rounding_in_columns_that_need_no_placement_does_not_block_the_rest() {
        // Whole-yuan amounts with every cell printed (zeros too), as in wanli 2025's 收入预算总表:
        // 212 and 21201 are one yuan off from their children. Columns that every row fills the
        // same way in every candidate need no placement, so their rounding is left to the checker
        // and does not make the table contradictory.
        let rows = vec![
            row(&["101", "101", "0"], vec![1, 2]), // off by one: children sum to 100
            row(&["60", "60", "0"], vec![]),
            row(&["40", "40", "0"], vec![]),
        ];
        let out: Vec<Placement> = place_once(3, &expenditure(), &rows)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert!(out.iter().all(|p| !p.contradiction && p.is_certain()));
        assert_eq!(out[0].columns, vec![0, 1, 2]);
    }

    #[test]
    fn blank_hints_narrow_but_never_contradict() {
        // 5.00 5.00 in [total, basic, project]: another table says `basic` is blank here.
        let mut r = row(&["5.00", "5.00"], vec![]);
        r.blank = vec![1];
        let p = place(3, &expenditure(), &[r]).remove(0).unwrap();
        assert!(p.is_certain());
        assert_eq!(p.columns, vec![0, 2]);
        // A hint that no placement can honour (both components blank) is ignored.
        let mut r = row(&["5.00", "5.00"], vec![]);
        r.blank = vec![1, 2];
        let p = place(3, &expenditure(), &[r]).remove(0).unwrap();
        assert!(!p.is_certain());
        assert_eq!(p.uncertain, vec![1, 2]);
    }

    #[test]
    fn lone_row_with_two_equal_numbers_is_ambiguous() {
        let rows = [RowInput {
            values: vec![d("5.00"), d("5.00")],
            children: vec![],
            blank: vec![],
        }];
        let p = place(3, &expenditure(), &rows).remove(0).unwrap();
        assert_eq!(p.columns, vec![0, 1]);
        assert_eq!(p.uncertain, vec![1, 2]);
        assert_eq!(p.alternatives, 2);
        assert!(!p.contradiction);
    }

    fn income() -> Vec<RowIdentity> {
        vec![RowIdentity {
            total: 0,
            parts: vec![1, 2, 3, 4],
        }]
    }

    fn row(values: &[&str], children: Vec<usize>) -> RowInput {
        RowInput {
            values: values.iter().map(|v| d(v)).collect(),
            children,
            blank: Vec::new(),
        }
    }

    #[test]
    fn income_rows_of_two_equal_numbers_stay_ambiguous() {
        // Every row (the 合计 row too) prints "total + one of four": any column, the same for all.
        let rows = [
            row(&["300.00", "300.00"], vec![1, 2]),
            row(&["200.00", "200.00"], vec![]),
            row(&["100.00", "100.00"], vec![]),
        ];
        for p in place(5, &income(), &rows) {
            let p = p.unwrap();
            assert_eq!(p.columns, vec![0, 1]);
            assert_eq!(p.uncertain, vec![1, 2, 3, 4]);
            assert_eq!(p.alternatives, 4);
        }
    }

    #[test]
    fn income_rows_decided_by_column_sums() {
        let rows = [
            row(&["300.00", "200.00", "100.00", "0.00", "0.00"], vec![1, 2]),
            row(&["100.00", "100.00"], vec![]),
            row(&["200.00", "200.00"], vec![]),
        ];
        let placed = place(5, &income(), &rows);
        assert!(placed.iter().all(|p| p.as_ref().unwrap().is_certain()));
        assert_eq!(placed[1].as_ref().unwrap().columns, vec![0, 2]);
        assert_eq!(placed[2].as_ref().unwrap().columns, vec![0, 1]);
    }

    #[test]
    fn income_rows_partly_decided() {
        // Two equal children share fiscal and business: which is which is unknown, but operating
        // and other income are certainly blank.
        let rows = [
            row(&["200.00", "100.00", "100.00", "0.00", "0.00"], vec![1, 2]),
            row(&["100.00", "100.00"], vec![]),
            row(&["100.00", "100.00"], vec![]),
        ];
        let placed = place(5, &income(), &rows);
        assert!(placed[0].as_ref().unwrap().is_certain());
        for p in &placed[1..] {
            let p = p.as_ref().unwrap();
            assert_eq!(p.columns, vec![0, 1]);
            assert_eq!(p.uncertain, vec![1, 2]);
        }
    }

    #[test]
    fn nested_row_identities() {
        // [total, subtotal, carryover, a, b, c]: total = subtotal + carryover, subtotal = a + b + c.
        let ids = [
            RowIdentity {
                total: 0,
                parts: vec![1, 2],
            },
            RowIdentity {
                total: 1,
                parts: vec![3, 4, 5],
            },
        ];
        // 10 = 7 + 3, 7 = 7: the 7 is subtotal and one of a/b/c; 3 is the carryover.
        let rows = [row(&["10.00", "7.00", "3.00", "7.00"], vec![])];
        let p = place(6, &ids, &rows).remove(0).unwrap();
        assert_eq!(p.columns, vec![0, 1, 2, 3]);
        assert_eq!(p.uncertain, vec![3, 4, 5]);
        assert_eq!(p.alternatives, 3);
    }

    #[test]
    fn too_many_values_is_an_error() {
        let rows = [row(&["1.00", "1.00", "0.00", "0.00"], vec![])];
        assert_eq!(
            place(3, &expenditure(), &rows)[0],
            Err(PlacementError::TooManyValues {
                values: 4,
                columns: 3
            })
        );
        assert!(matches!(
            place(100, &[], &[row(&["1.00"; 50], vec![])])[0],
            Err(PlacementError::TooManyCandidates { .. })
        ));
    }

    #[test]
    fn invalid_children_are_ignored_as_a_whole() {
        // Row 0 claims rows 1 and 99: its identity is dropped (not truncated to "row 0 = row 1").
        // Rows 2 and 3 form a cycle; row 4 lists itself.
        let rows = [
            row(&["5.00", "5.00"], vec![1, 99]),
            row(&["5.00", "5.00", "0.00"], vec![]),
            row(&["5.00", "5.00"], vec![3]),
            row(&["5.00", "5.00"], vec![2]),
            row(&["5.00", "5.00"], vec![4]),
            row(&[], vec![]),
        ];
        let placed = place(3, &expenditure(), &rows);
        for r in [0, 2, 3, 4] {
            assert_eq!(placed[r].as_ref().unwrap().uncertain, vec![1, 2]);
        }
        let empty = placed[5].as_ref().unwrap();
        assert!(empty.is_certain());
        assert_eq!(empty.cells, vec![None, None, None]);
        assert!(place(0, &expenditure(), &rows[5..]).remove(0).is_ok());
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// (column count, row identities, leaf columns = those generated freely).
        fn schema(i: usize) -> (usize, Vec<RowIdentity>, Vec<usize>) {
            let id = |total, parts: &[usize]| RowIdentity {
                total,
                parts: parts.to_vec(),
            };
            match i {
                0 => (3, vec![id(0, &[1, 2])], vec![1, 2]),
                1 => (5, vec![id(0, &[1, 2, 3, 4])], vec![1, 2, 3, 4]),
                2 => (6, vec![id(1, &[3, 4, 5]), id(0, &[1, 2])], vec![2, 3, 4, 5]),
                _ => (4, vec![], vec![0, 1, 2, 3]),
            }
        }

        fn cell() -> impl Strategy<Value = Option<Decimal>> {
            prop_oneof![
                4 => Just(None),
                3 => (1i64..4).prop_map(|v| Some(Decimal::new(v * 100, 2))),
                3 => (0i64..10_000_000).prop_map(|v| Some(Decimal::new(v, 2))),
            ]
        }

        /// Sum of cells, blank when every cell is blank.
        fn sum(cells: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
            cells.flatten().reduce(|a, b| a + b)
        }

        /// Builds a consistent table: 类 → 款 → 项 (a node without children is a leaf with
        /// generated cells), then a 合计 row. Returns (true cells per row, rows).
        fn build(
            m: usize,
            ids: &[RowIdentity],
            free: &[usize],
            shape: &[Vec<usize>],
            pool: &[Vec<Option<Decimal>>],
        ) -> (Vec<Vec<Option<Decimal>>>, Vec<RowInput>) {
            let mut truth: Vec<Vec<Option<Decimal>>> = Vec::new();
            let mut children: Vec<Vec<usize>> = Vec::new();
            let mut next_leaf = 0;
            let mut leaf = |truth: &mut Vec<Vec<Option<Decimal>>>| {
                let mut cells = vec![None; m];
                for (j, &col) in free.iter().enumerate() {
                    cells[col] = pool[next_leaf % pool.len()][j];
                }
                next_leaf += 1;
                for id in ids {
                    cells[id.total] = sum(id.parts.iter().map(|&p| cells[p]));
                }
                truth.push(cells);
            };
            let parent = |truth: &mut Vec<Vec<Option<Decimal>>>, kids: &[usize]| {
                let cells = (0..m)
                    .map(|c| sum(kids.iter().map(|&k| truth[k][c])))
                    .collect();
                truth.push(cells);
            };
            let mut classes = Vec::new();
            for kuan in shape {
                let mut kuans = Vec::new();
                for &xiang in kuan {
                    let mut xiangs = Vec::new();
                    for _ in 0..xiang {
                        xiangs.push(truth.len());
                        leaf(&mut truth);
                        children.push(vec![]);
                    }
                    kuans.push(truth.len());
                    if xiangs.is_empty() {
                        leaf(&mut truth);
                    } else {
                        parent(&mut truth, &xiangs);
                    }
                    children.push(xiangs);
                }
                classes.push(truth.len());
                if kuans.is_empty() {
                    leaf(&mut truth);
                } else {
                    parent(&mut truth, &kuans);
                }
                children.push(kuans);
            }
            parent(&mut truth, &classes);
            children.push(classes);
            let rows = truth
                .iter()
                .zip(children)
                .map(|(cells, children)| RowInput {
                    values: cells.iter().flatten().copied().collect(),
                    children,
                    blank: Vec::new(),
                })
                .collect();
            (truth, rows)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn no_false_certainty(
                which in 0usize..4,
                shape in prop::collection::vec(prop::collection::vec(0usize..5, 0..4), 1..5),
                pool in prop::collection::vec(prop::collection::vec(cell(), 4), 1..40),
            ) {
                let (m, ids, free) = schema(which);
                let (truth, rows) = build(m, &ids, &free, &shape, &pool);
                let placed = place(m, &ids, &rows);
                prop_assert_eq!(placed.len(), rows.len());
                for (r, p) in placed.iter().enumerate() {
                    let p = p.as_ref().unwrap();
                    prop_assert!(!p.contradiction);
                    for (col, cell) in truth[r].iter().enumerate() {
                        if !p.uncertain.contains(&col) {
                            prop_assert_eq!(p.cells[col], *cell, "row {} col {}", r, col);
                        }
                    }
                    if p.is_certain() {
                        let cols: Vec<usize> = (0..m).filter(|&c| truth[r][c].is_some()).collect();
                        prop_assert_eq!(&p.columns, &cols);
                    }
                }
            }

            /// Small tables, possibly with one printed value off by a cent: the result matches a
            /// brute-force enumeration of every joint assignment exactly.
            #[test]
            fn matches_brute_force(
                which in 0usize..4,
                shape in prop::collection::vec(prop::collection::vec(0usize..3, 0..3), 1..3),
                pool in prop::collection::vec(prop::collection::vec(cell(), 4), 1..10),
                typo in prop::option::of((0usize..100, 0usize..10)),
            ) {
                let (m, ids, free) = schema(which);
                let (_, mut rows) = build(m, &ids, &free, &shape, &pool);
                if let Some((r, v)) = typo {
                    let r = r % rows.len();
                    if !rows[r].values.is_empty() {
                        let v = v % rows[r].values.len();
                        rows[r].values[v] += Decimal::new(1, 2);
                    }
                }
                let id_refs: Vec<&RowIdentity> = ids.iter().collect();
                let mut states: Vec<RowState> =
                    rows.iter().map(|r| RowState::new(m, &id_refs, &r.values, &r.blank).unwrap()).collect();
                let fixed = fixed_columns(m, states.iter());
                states.iter_mut().for_each(|s| s.ignored = fixed);
                let total: usize = states.iter().map(|s| s.cands.len()).product();
                prop_assume!(total <= 20_000);
                // Enumerate every joint assignment (mixed radix over the row domains).
                let mut seen: Vec<HashSet<usize>> = vec![HashSet::new(); rows.len()];
                let mut any = false;
                for mut code in 0..total {
                    let pick: Vec<usize> = states
                        .iter()
                        .map(|s| {
                            let c = code % s.cands.len();
                            code /= s.cands.len();
                            c
                        })
                        .collect();
                    let keys: Vec<Key> = (0..rows.len()).map(|r| states[r].key(pick[r])).collect();
                    let key = |r: usize| &keys[r];
                    let ok = rows.iter().enumerate().all(|(p, row)| {
                        row.children.is_empty()
                            || (0..m).all(|c| {
                                row.children.iter().map(|&k| key(k)[c]).sum::<Decimal>() == key(p)[c]
                            })
                    });
                    if ok {
                        any = true;
                        for (r, &c) in pick.iter().enumerate() {
                            seen[r].insert(c);
                        }
                    }
                }
                let violated = states.iter().any(|s| s.violated);
                let placed = place_once(m, &ids, &rows);
                for (r, p) in placed.iter().enumerate() {
                    let p = p.as_ref().unwrap();
                    let expected: HashSet<usize> = if any && !violated {
                        seen[r].clone()
                    } else {
                        (0..states[r].cands.len()).collect()
                    };
                    prop_assert_eq!(p.contradiction, !any || violated);
                    prop_assert_eq!(p.alternatives, expected.len(), "row {}", r);
                    let first = expected.iter().min().copied().unwrap();
                    prop_assert_eq!(&p.columns, &states[r].cols(first));
                }
            }

            #[test]
            fn never_panics(
                m in 0usize..6,
                ids in prop::collection::vec((0usize..8, prop::collection::vec(0usize..8, 0..4)), 0..3),
                rows in prop::collection::vec(
                    (prop::collection::vec(0i64..400, 0..7), prop::collection::vec(0usize..14, 0..4)),
                    0..12,
                ),
            ) {
                let ids: Vec<RowIdentity> =
                    ids.into_iter().map(|(total, parts)| RowIdentity { total, parts }).collect();
                let rows: Vec<RowInput> = rows
                    .into_iter()
                    .map(|(values, children)| RowInput {
                        values: values.into_iter().map(|v| Decimal::new(v, 2)).collect(),
                        children,
                        blank: Vec::new(),
                    })
                    .collect();
                let placed = place(m, &ids, &rows);
                prop_assert_eq!(placed.len(), rows.len());
                for (p, row) in placed.iter().zip(&rows) {
                    if let Ok(p) = p {
                        prop_assert_eq!(p.columns.len(), row.values.len());
                        prop_assert_eq!(p.cells.len(), m);
                        prop_assert!(p.alternatives >= 1);
                    }
                }
            }
        }
    }
}
