/**
 * Public mailbox providers and disposable-mail services: Scalekit refuses these as organization
 * domains because nobody owns them on behalf of one customer.
 */
export const PUBLIC_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Free mailbox providers
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.co.in", "yahoo.fr", "ymail.com", "rocketmail.com",
  "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "live.com", "msn.com", "passport.com",
  "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "protonmail.com", "protonmail.ch", "proton.me", "pm.me",
  "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "email.com", "yandex.com", "yandex.ru", "ya.ru",
  "mail.ru", "inbox.ru", "bk.ru", "list.ru", "zoho.com", "zohomail.com", "tutanota.com", "tuta.io",
  "fastmail.com", "hey.com", "qq.com", "163.com", "126.com", "sina.com", "naver.com", "daum.net",
  "rediffmail.com", "libero.it", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "t-online.de",
  "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "btinternet.com",
  // Disposable / throw-away mail
  "mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com", "10minutemail.com",
  "temp-mail.org", "tempmail.com", "throwawaymail.com", "yopmail.com", "trashmail.com", "getnada.com",
  "dispostable.com", "maildrop.cc", "mailnesia.com", "fakeinbox.com", "mintemail.com", "spamgourmet.com",
  "emailondeck.com", "mohmal.com", "burnermail.io",
]);
