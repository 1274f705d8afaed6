'use strict';

/**
 * A listing that spans pages. `for await (const item of listing)` yields every item, fetching page after page;
 * `for await (const page of listing.pages())` yields the pages themselves (each the API's answer, camelCase).
 * Nothing is fetched before iteration starts.
 */
class Paginator {
  /**
   * @param {(cursor: any) => Promise<object>} fetchPage fetches the page at a cursor (undefined: the first)
   * @param {string} itemsKey the member of a page that holds its items
   * @param {(page: object) => any} nextCursor the next page's cursor; null or undefined after the last page
   */
  constructor(fetchPage, itemsKey, nextCursor) {
    this.fetchPage = fetchPage;
    this.itemsKey = itemsKey;
    this.nextCursor = nextCursor;
  }

  async *pages() {
    let cursor;
    do {
      const page = await this.fetchPage(cursor);
      yield page;
      const items = page[this.itemsKey] || [];
      cursor = items.length === 0 ? undefined : this.nextCursor(page);
    } while (cursor !== undefined && cursor !== null);
  }

  async *[Symbol.asyncIterator]() {
    for await (const page of this.pages()) {
      yield* page[this.itemsKey] || [];
    }
  }

  /** Every item of every page, in one array. */
  async toArray() {
    const items = [];
    for await (const item of this) {
      items.push(item);
    }
    return items;
  }
}

module.exports = { Paginator };
