//! Marking `ElementParticle::recursive`: an element edge T → U is
//! recursive when U reaches T again, i.e. both are in one strongly
//! connected component of the "contains" graph. Extension also counts as
//! containment (a derived type holds its base's members), so a base whose
//! element refers to a derived type is marked too.
//!
//! Tarjan's algorithm, iterative: corpus graphs have thousands of types and
//! a recursive DFS could exhaust the stack.

use crate::model::*;

fn collect_edges(p: &Particle, out: &mut Vec<usize>) {
    let mut stack = vec![p];
    while let Some(p) = stack.pop() {
        match &p.term {
            Term::Element(e) => {
                if let TypeRef::Named(t) = e.type_ref {
                    out.push(t.0);
                }
            }
            Term::Group(g) => stack.extend(g.particles.iter()),
            Term::Any(_) => {}
        }
    }
}

fn mark(p: &mut Particle, owner: usize, comp: &[usize]) {
    let mut stack = vec![p];
    while let Some(p) = stack.pop() {
        match &mut p.term {
            Term::Element(e) => {
                if let TypeRef::Named(t) = e.type_ref {
                    e.recursive = comp[t.0] == comp[owner];
                }
            }
            Term::Group(g) => stack.extend(g.particles.iter_mut()),
            Term::Any(_) => {}
        }
    }
}

pub(crate) fn mark_recursive(types: &mut [TypeDef]) {
    let n = types.len();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, t) in types.iter().enumerate() {
        if let TypeKind::Complex(c) = &t.kind {
            if let Content::Elements(p) = &c.content {
                collect_edges(p, &mut adj[i]);
            }
            if let Some((TypeRef::Named(b), Derivation::Extension)) = c.base {
                adj[i].push(b.0);
            }
        }
    }
    let comp = tarjan(&adj);
    for (i, t) in types.iter_mut().enumerate() {
        if let TypeKind::Complex(c) = &mut t.kind {
            if let Content::Elements(p) = &mut c.content {
                mark(p, i, &comp);
            }
        }
    }
}

/// Component number of each node; a node with a self-loop is in its own
/// component, which `mark` compares equal, as it should (T contains T).
fn tarjan(adj: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = adj.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNVISITED; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        // Call stack of (node, next edge position).
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei < adj[v].len() {
                let w = adj[v][*ei];
                *ei += 1;
                if index[w] == UNVISITED {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::tarjan;

    #[test]
    fn components() {
        // 0 -> 1 -> 2 -> 0, 3 -> 0, 4 -> 4
        let adj = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let c = tarjan(&adj);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[3]);
    }
}
