/** The error `fn` throws, checked to be an instance of `type`; fails the test when it throws nothing. */
export function thrown<E extends Error>(type: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error('did not throw');
}
