// An HTTP answer as tests read it: status, headers, the text, and the JSON when the text is JSON.

export interface Answer<H = Headers> {
  status: number;
  headers: H;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function answerOf<H>(status: number, headers: H, text: string): Answer<H> {
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status, headers, text, json };
}

/** A fetch response, read to the end. */
export async function readAnswer(res: Response): Promise<Answer> {
  return answerOf(res.status, res.headers, await res.text());
}
