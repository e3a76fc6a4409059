/** The shared secret tests authenticate with (the Authorization header value). */
export const TEST_SECRET = 'Basic dGVzdC1ob29rczpjb3JyZWN0LWhvcnNlLWJhdHRlcnk=';
