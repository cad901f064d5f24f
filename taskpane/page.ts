/** The pane's page (taskpane.html): its elements by id, failing loudly when the page lacks one. */
export class Page {
  constructor(readonly doc: Document) {}

  el<T extends HTMLElement = HTMLElement>(id: string): T {
    const e = this.doc.getElementById(id);
    if (!e) throw new Error(`the page has no #${id}`);
    return e as T;
  }

  input(id: string): HTMLInputElement {
    return this.el<HTMLInputElement>(id);
  }

  select(id: string): HTMLSelectElement {
    return this.el<HTMLSelectElement>(id);
  }
}
