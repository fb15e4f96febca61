export interface SharedLocation {
  latitude: number;
  longitude: number;
  label?: string | null;
}

// Six decimals is about 10 cm: more would only claim a precision the device does not have.
function fixed(value: number): string {
  return value.toFixed(6).replace(/\.?0+$/, '');
}

/** The OpenStreetMap page centred on the place with a marker: a link only, no map tiles are loaded. */
export function osmLink(location: SharedLocation): string {
  const lat = fixed(location.latitude);
  const lon = fixed(location.longitude);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

/** `48.858370° N, 2.294481° E`. */
export function formatCoordinates(location: SharedLocation): string {
  const lat = `${Math.abs(location.latitude).toFixed(6)}° ${location.latitude < 0 ? 'S' : 'N'}`;
  const lon = `${Math.abs(location.longitude).toFixed(6)}° ${location.longitude < 0 ? 'W' : 'E'}`;
  return `${lat}, ${lon}`;
}

/** What a geolocation failure means to the user. */
export function geolocationError(code: number): string {
  if (code === 1) return 'Location permission was denied';
  if (code === 3) return 'Finding your location took too long';
  return 'Your location is not available';
}
