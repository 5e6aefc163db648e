import { DependencyType, javascript, Project, Task, typescript } from 'projen';

/**
 * Turns a subproject into an npm workspace member: the root owns the single
 * lockfile and the install, so the subproject's own install tasks must not run
 * (they would ask the registry for the unpublished sibling package and fail
 * with E404). For the same reason projen cannot resolve the `*` versions it
 * gives its own tools and would drop them, so `toolchain` pins them.
 */
export function asWorkspaceMember(project: javascript.NodeProject, toolchain: readonly string[]): void {
  for (const name of ['install', 'install:ci']) {
    project.tasks.tryFind(name)?.reset();
  }
  for (const spec of toolchain) {
    project.deps.addDependency(spec, DependencyType.BUILD);
  }
}

/** Registers the members on the root package.json. */
export function wireWorkspaces(root: typescript.TypeScriptProject, members: javascript.NodeProject[]): void {
  root.package.addField('workspaces', members.map((m) => relativeOutdir(root, m)));
}

export function relativeOutdir(root: javascript.NodeProject, member: javascript.NodeProject): string {
  return member.outdir.slice(root.outdir.length + 1);
}

/** A task projen itself created on `project` (docgen, package:js…); fails loudly if a projen upgrade renamed it. */
export function requireTask(project: Project, name: string): Task {
  const task = project.tasks.tryFind(name);
  if (!task) throw new Error(`${project.name} has no task "${name}": did a projen upgrade rename it?`);
  return task;
}
