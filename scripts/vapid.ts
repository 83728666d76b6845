// `npm run vapid`: makes a VAPID key pair for web push and prints it as environment lines (issue 14). Put them in the
// server's environment (a secret store, not git); the same pair on every server. A new pair makes every browser's
// subscription invalid: colleagues then turn push on again on their devices.
import webpush from 'web-push';

const { publicKey, privateKey } = webpush.generateVAPIDKeys();
console.log('# Web push (VAPID). Zet deze in de omgeving van de server (geheim: de private sleutel), op elke server dezelfde.');
console.log(`PLEIN_VAPID_PUBLIC_KEY=${publicKey}`);
console.log(`PLEIN_VAPID_PRIVATE_KEY=${privateKey}`);
console.log('# Optioneel: wie de pushdiensten kunnen bereiken (mailto: of https:); standaard PLEIN_SITE_URL of PLEIN_MAIL_FROM.');
console.log('# PLEIN_VAPID_SUBJECT=mailto:intranet@example.nl');
