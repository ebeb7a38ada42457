import type { {{Entity}}Repository } from './{{entity}}.repository.js';
{{imports}}
/**
 * Use cases of table `{{table}}` (section {{section}}). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class {{Entity}}Service {
  constructor(
    protected readonly {{entityVar}}Repository: {{Entity}}Repository,{{dependencies}}
  ) {}
{{methods}}}
