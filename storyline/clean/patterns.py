"""The catalogue of page chrome, by kind and language.

Each entry is (kind, reason, languages, whole-line pattern). Patterns match a whole stripped line,
case-insensitively; "*" means every language. `match_chrome` asks all entries that apply to a
language at once (see `_catalogue`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .prefilter import Catalogue, alternatives

ALL = "*"

# Words used inside several patterns.
_SOCIAL = r"(?:facebook|twitter|x|whatsapp|e-?mail|linkedin|telegram|threads|bluesky|pinterest|reddit|flipboard|xing|mastodon|messenger|sms)"
_N = r"\d+(?:[.,]\d+)?"
_OFFER = (r"abo|abonn|testen|probe|subscri|trial|per month|a month|/month|monat|mois|mes\b|mese|woche|semaine|semana|"
          r"settimana|offer|angebot|offre|oferta|offerta|weiterlesen|read on|lire la suite|seguir leyendo|continua a leggere")

CATALOGUE: list[tuple[str, str, str, str]] = [
    # -- video and audio players
    ("player", "video player control", ALL, r"loading(?:\.\.\.|…)?|\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?|live"),
    ("player", "video player control", ALL, r"\d(?:[.,]\d+)?\s?x(?:\s+\S+)?|hd|sd|4k|cc|ad"),
    ("player", "video player control", "de", r"abspielen|wiedergabe|pause|pausieren|fortsetzen|schlie(?:ß|ss)en|aufklappen|zuklappen|"
     r"vollbild(?:\s+beenden)?|vollbildmodus(?:\s+beenden)?|stummschalten|stummschaltung aufheben|ton (?:an|aus|einschalten|ausschalten)|"
     r"lautst(?:ä|ae)rke|untertitel(?:\s+(?:an|aus|ein))?|(?:vorige|n(?:ä|ae)chste|zur(?:ü|ue)ck|vor|weiter)\s+\d+\s+sekunden|"
     r"\d+\s+sekunden\s+(?:zur(?:ü|ue)ck|vor(?:spulen)?)|zum\s+(?:vorigen|n(?:ä|ae)chsten)\s+wechseln|wiedergabegeschwindigkeit|"
     r"geschwindigkeit|video\s+(?:abspielen|starten|wird geladen|teilen|schlie(?:ß|ss)en)|weitere videos|n(?:ä|ae)chstes video|"
     r"audio\s+(?:abspielen|anh(?:ö|oe)ren)|einbetten|video|videos|jetzt ansehen|podcast anh(?:ö|oe)ren"),
    ("player", "video player control", "en", r"play(?:\s+video)?|pause|resume|replay|mute|unmute|(?:enter|exit)?\s*full\s?screen|"
     r"(?:previous|next|skip|rewind|forward|back|skip back|skip forward)\s+\d+\s+seconds?|playback speed(?:\s*\d(?:\.\d+)?x)?|"
     r"speed|captions?(?:\s+(?:on|off))?|subtitles(?:\s+(?:on|off))?|volume|close|expand|collapse|now playing|up next|"
     r"watch(?:\s+(?:now|video|again|live))?|video|videos|audio|listen|embed|(?:switch to )?(?:previous|next)(?: video)?|"
     r"cancel|autoplay(?:\s+(?:on|off))?"),
    ("player", "video player control", "fr", r"lecture|lire(?:\s+la)?\s+vid(?:é|e)o|pause|reprendre|plein (?:é|e)cran|quitter le plein (?:é|e)cran|"
     r"couper le son|activer le son|(?:reculer|avancer) de \d+ secondes|vitesse(?: de lecture)?|sous-titres|fermer|agrandir|"
     r"r(?:é|e)duire|vid(?:é|e)o|vid(?:é|e)os|(?:é|e)couter|suivant|pr(?:é|e)c(?:é|e)dent|annuler"),
    ("player", "video player control", "es", r"reproducir(?:\s+v(?:í|i)deo)?|pausa|reanudar|silenciar|activar (?:el )?sonido|(?:salir de )?pantalla completa|"
     r"(?:retroceder|avanzar)\s+\d+\s+segundos|velocidad(?: de reproducci(?:ó|o)n)?|subt(?:í|i)tulos|cerrar|ampliar|"
     r"cargando(?:\.\.\.|…)?|v(?:í|i)deo|v(?:í|i)deos|escuchar|siguiente|anterior|cancelar"),
    ("player", "video player control", "it", r"riproduci|pausa|schermo intero|disattiva audio|attiva audio|chiudi|caricamento(?:\.\.\.)?|video"),
    # -- icons and widgets that leak their labels
    ("icon", "quote icon", ALL, r"(?:zitat|quote|citation|cita|citazione)(?:[- ]?(?:icon|symbol|ic(?:ô|o)ne|icono))?|[\"“”„«»‚‘’›‹]+"),
    ("icon", "icon label", ALL, r"(?:show|hide) caption|bildunterschrift (?:ein|aus)blenden|(?:afficher|masquer) la l(?:é|e)gende|"
     r"(?:mostrar|ocultar) (?:el )?pie de foto|(?:info|play|close|share|menu|search|such|arrow|pfeil)[- ]?(?:icon|symbol|ic(?:ô|o)ne|icono)|icon|"
     r"(?:bild|foto|grafik) (?:vergr(?:ö|oe)(?:ß|ss)ern|ansehen)|(?:enlarge|expand|view) (?:image|photo|picture)|"
     r"agrandir (?:l'|l’)?(?:image|photo)|ampliar (?:la )?(?:imagen|foto)|ingrandisci (?:l'|l’)?immagine|"
     r"galerie|gallery|galer(?:í|i)a|\d+\s*(?:/|von|of|sur|de)\s*\d+\s*(?:bilder|fotos|photos|images|im(?:á|a)genes)?|[•·|/>»«→←↑↓▶►◀×✕✖+\-–—*#]+"),
    # -- share, print, social
    ("share", "share or social-media button", ALL, rf"{_SOCIAL}(?:\s*[|/·•,]\s*{_SOCIAL})*"),
    ("share", "share or social-media button", "de", rf"(?:artikel |beitrag |seite |jetzt )?teilen(?:\s+(?:auf|per|via)\s+{_SOCIAL})?|(?:auf|per|via)\s+{_SOCIAL}\s+teilen|"
     r"drucken|artikel drucken|link kopieren|kopieren|merken|artikel merken|vorlesen|artikel anh(?:ö|oe)ren|zur merkliste|folgen|"
     r"(?:uns )?folgen sie uns(?: auf .{1,40})?|feedback|fehler melden"),
    ("share", "share or social-media button", "en", rf"share(?:\s+(?:this|the))?(?:\s+(?:article|story|page|video))?(?:\s+(?:on|via)\s+{_SOCIAL})?|"
     r"print(?:\s+this)?(?:\s+(?:article|page))?|copy(?:\s+the)?\s+link|link copied|save(?:\s+(?:article|story|for later))?|"
     r"bookmark|gift(?:\s+this)?\s+article|follow(?:\s+us(?:\s+on\s+.{1,40})?)?|send feedback|report an error|"
     r"learn more|email(?: this)?(?: article)?|send (?:by|via) e-?mail"),
    ("share", "share or social-media button", "fr", rf"partager(?:\s+(?:l'|l’)?article)?(?:\s+(?:sur|par|via)\s+{_SOCIAL})?|imprimer|"
     r"copier le lien|lien copi(?:é|e)|sauvegarder|enregistrer|suivez-nous(?: sur .{1,40})?|offrir(?: cet article)?|"
     r"envoyer(?: par| à| a)? (?:e-?mail|courriel|un ami)|en savoir plus"),
    ("share", "share or social-media button", "es", rf"compartir(?:\s+(?:en|por|v(?:í|i)a)\s+{_SOCIAL})?|imprimir|copiar (?:el )?enlace|enlace copiado|guardar|"
     r"s(?:í|i)guenos(?: en .{1,40})?|enviar por (?:correo|e-?mail)|saber m(?:á|a)s"),
    ("share", "share or social-media button", "it", rf"condividi(?:\s+su\s+{_SOCIAL})?|stampa|copia link|salva"),
    # -- newsletters, subscriptions, paywalls, log-in
    ("subscribe", "subscription or newsletter prompt", "de", r".{0,60}newsletter.{0,60}(?:abonnieren|anmelden|bestellen|registrieren)\b.{0,40}|"
     r"(?:jetzt\s+)?(?:kostenlos\s+|gratis\s+)?(?:abonnieren|abonnement abschlie(?:ß|ss)en|abo abschlie(?:ß|ss)en|probeabo|testen)\b.{0,60}|"
     r".{0,40}\b(?:nur|exklusiv) f(?:ü|ue)r (?:abonnenten|abonnentinnen|plus-leser.*)\b.{0,40}|(?:jetzt )?weiterlesen.{0,40}|"
     r"(?:bereits|schon) (?:abonnent|abonniert).{0,40}|(?:anmelden|einloggen|registrieren|login)(?: .{0,40})?|plus|\w+\+|"
     r"(?:zum|zur) (?:abo|newsletter|e-paper).{0,30}|newsletter|.{0,60}\b(?:jetzt )?(?:kostenlos |gratis )?abonnieren\b.{0,30}"),
    ("subscribe", "subscription or newsletter prompt", "en", r"sign up(?: now)?(?:\s+(?:to|for)\b.{0,80})?|subscribe(?:\s+.{0,80})?|"
     r".{0,60}\b(?:newsletter|briefing|bulletin)\b.{0,40}(?:sign up|subscribe|inbox|free)\b.{0,40}|"
     r"(?:get|try) .{0,30}(?:free|unlimited) .{0,40}|continue reading.{0,40}|read the full (?:story|article).{0,40}|"
     r"(?:already (?:a subscriber|have an account)|subscribers only|this (?:article|story) is for subscribers).{0,60}|"
     r"(?:log|sign) ?in(?:\s+to\s+.{0,40})?|register|create (?:a free )?account|newsletter|newsletters|"
     r".{0,80}\bstraight to your inbox\b.{0,60}|privacy notice:.{0,300}|.{0,60}\bdelivered to your inbox\b.{0,60}"),
    ("subscribe", "subscription or newsletter prompt", "fr", r"(?:abonnez-vous|s'abonner|s’abonner|je m'abonne|je m’abonne).{0,80}|"
     r"(?:inscrivez-vous|s'inscrire|s’inscrire).{0,80}|.{0,40}\bnewsletter\b.{0,60}|"
     r"il vous reste \d+\s*%.{0,60}|(?:la suite|l'article|l’article) est r(?:é|e)serv(?:é|e)e? aux abonn(?:é|e)s.{0,40}|"
     r"r(?:é|e)serv(?:é|e)(?:e)? aux abonn(?:é|e)s|d(?:é|e)j(?:à|a) abonn(?:é|e).{0,40}|(?:se )?connecter|connectez-vous.{0,40}|"
     r"continuer (?:la|à|a) lire.{0,40}|lire la suite.{0,40}|offre .{0,60}\d\s?(?:€|euros?).{0,30}"),
    ("subscribe", "subscription or newsletter prompt", "es", r"(?:suscr(?:í|i)bete|suscribirse|hazte suscriptor).{0,80}|.{0,40}\bbolet(?:í|i)n\b.{0,60}|"
     r".{0,40}\bnewsletter\b.{0,60}|(?:sigue|seguir) leyendo.{0,40}|(?:contenido )?exclusivo para suscriptores.{0,40}|"
     r"(?:ya soy suscriptor|inicia(?:r)? sesi(?:ó|o)n|reg(?:í|i)strate|acceder|entrar).{0,40}|recibe .{0,60}"),
    ("subscribe", "subscription or newsletter prompt", "it", r"(?:abbonati|iscriviti|accedi).{0,80}|.{0,40}\bnewsletter\b.{0,60}"),
    # -- advertising
    ("ad", "advertisement label", ALL, r"[-–—\s]*(?:skip advertisement|anzeige|werbung|advertisement|advertising|sponsored(?: content)?|promoted|partner content|"
     r"publicit(?:é|e)|publicidad|pubblicit(?:à|a)|contenu sponsoris(?:é|e)|contenido patrocinado|contenuto sponsorizzato|"
     r"gesponsert|sponsored by .{2,40}|ad|ads)[-–—\s]*"),
    # -- teasers that point to other articles
    ("teaser", "link to another article", "de", r"(?:lesen sie (?:auch|mehr|hier)|mehr zum thema|auch interessant|das k(?:ö|oe)nnte sie (?:auch )?interessieren|"
     r"weitere artikel|siehe auch|zum thema|empfehlungen|meistgelesen|top-themen|mehr aus .{1,30}|mehr dazu|dazu passend)\b.{0,160}"),
    ("teaser", "link to another article", "en", r"(?:read (?:more|also|next)|see also|related(?: (?:articles?|stories|content|coverage))?|more on this(?: story)?|"
     r"you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular|viewed)|also read|more from .{1,30}|trending|"
     r"explore more|more stories)\b.{0,160}"),
    ("teaser", "link to another article", "fr", r"(?:(?:à )?lire aussi|voir aussi|sur le m(?:ê|e)me sujet|les plus lus|(?:à|a) d(?:é|e)couvrir|"
     r"nos articles|(?:à|a) voir aussi|dans la m(?:ê|e)me rubrique)\b.{0,160}"),
    ("teaser", "link to another article", "es", r"(?:te puede interesar|lee tambi(?:é|e)n|leer m(?:á|a)s|m(?:á|a)s informaci(?:ó|o)n|noticias relacionadas|"
     r"lo m(?:á|a)s le(?:í|i)do|tambi(?:é|e)n te puede interesar|contenido relacionado|m(?:á|a)s noticias)\b.{0,160}"),
    ("teaser", "link to another article", "it", r"(?:leggi anche|potrebbe interessarti|articoli correlati|i pi(?:ù|u) letti)\b.{0,160}"),
    # -- reading time, listen
    ("meta", "reading-time or listen line", ALL, rf"(?:lesezeit|lesedauer|reading time|temps de lecture|tiempo de lectura|tempo di lettura)\s*:?\s*(?:ca\.\s*)?{_N}.{{0,30}}|"
     rf"(?:ca\.\s*)?{_N}\s*(?:min\.?|minuten|minutes?|minutos?|minuti)(?:\s+(?:read|lesezeit|lesedauer|de lecture|de lectura|di lettura|lesen|anh(?:ö|oe)ren|listen))?|"
     r"listen to (?:this|the) (?:article|story).{0,40}|(?:artikel|beitrag) (?:anh(?:ö|oe)ren|vorlesen lassen).{0,30}|"
     r"(?:é|e)couter (?:cet |l'|l’)?article.{0,30}|escuchar (?:la )?(?:noticia|art(?:í|i)culo).{0,30}"),
    ("meta", "timestamp or update line", ALL, r"(?:aktualisiert|zuletzt aktualisiert|stand|updated|last (?:updated|modified)(?: on)?|mis (?:à|a) jour|"
     r"modifi(?:é|e) le|actualizado|(?:ú|u)ltima actualizaci(?:ó|o)n|aggiornato)\s*(?:am|on|le|el|il)?\s*:?\s*\d.{0,60}"),
    ("meta", "tag list", ALL, r"(?:themen|schlagw(?:ö|oe)rter|schlagworte|tags?|topics|sujets|mots-cl(?:é|e)s|temas|etiquetas|argomenti)\s*:.{0,200}"),
    # -- comments (also the start of the page's tail)
    ("comments", "comments section", ALL, r"(?:\d+\s*)?(?:kommentare?|leserkommentare|diskussion|comments?|commentaires?|r(?:é|e)actions?|"
     r"comentarios?|commenti)(?:\s*\(\d+\))?(?:\s*\d+)?"),
    ("comments", "comment-function notice", ALL, r".{0,120}\b(?:kommentieren|kommentarfunktion|kommentarbereich|postings?|comments? (?:are|is) (?:now )?(?:closed|disabled)|"
     r"commenting (?:is|has been) (?:closed|disabled)|commentaires (?:sont )?(?:ferm(?:é|e)s|d(?:é|e)sactiv(?:é|e)s)|"
     r"comentarios (?:est(?:á|a)n )?(?:cerrados|desactivados)|(?:add|post|leave|view|show|load) (?:a |all )?comments?|"
     r"join the (?:discussion|conversation)|be the first to comment|schreiben sie (?:den ersten|einen) kommentar|"
     r"diskutieren sie mit|r(?:é|e)agir (?:(?:à|a) cet article)?|r(?:é|e)agissez|deja (?:tu|un) comentario|comenta (?:esta noticia)?|"
     r"community[- ]?(?:team|richtlinien|guidelines|rules)|netiquette|nutzungsbedingungen)\b.{0,200}"),
    # -- footer, legal, menus, cookie banners, navigation
    ("footer", "copyright or legal line", ALL, r"(?:©|\(c\)|copyright)\s*.{0,120}|.{0,80}(?:alle rechte vorbehalten|all rights reserved|"
     r"tous droits r(?:é|e)serv(?:é|e)s|todos los derechos reservados|tutti i diritti riservati).{0,40}"),
    ("footer", "site menu or legal link", "de", r"impressum|datenschutz(?:erkl(?:ä|ae)rung|einstellungen| & cookies)?|agb|kontakt|barrierefreiheit|"
     r"(?:ü|ue)ber uns|karriere|jobs|mediadaten|werben|werbung schalten|e-?paper|abo|abonnement|hilfe|faq|(?:kostenlose )?spiele|"
     r"r(?:ä|ae)tsel(?:\s*(?:&|und)\s*spiele)?|kreuzwortr(?:ä|ae)tsel|sudoku|horoskop|wetter|vorteilswelt|vorteilsclub|shop|"
     r"(?:zur(?:ü|ue)ck )?nach oben|zum inhalt(?: springen)?|startseite|men(?:ü|ue)|suche|inhaltsverzeichnis|cookie-?einstellungen|"
     r"privatsph(?:ä|ae)re(?:-einstellungen)?|leserbriefe|redaktion|kontaktformular|rss|sitemap|archiv|app herunterladen"),
    ("footer", "site menu or legal link", "en", r"terms(?: of (?:use|service))?(?: (?:and|&) conditions)?|privacy(?: (?:policy|notice|settings))?|"
     r"cookie (?:policy|settings|preferences)|contact(?: us)?|about(?: us)?|careers|jobs|advertise(?: with us)?|help|faq|"
     r"accessibility|sitemap|(?:back to )?top|skip to (?:main )?content|home|menu|search|sections|puzzles?|crosswords?|games|"
     r"horoscopes?|weather|shop|store|rss|archive|download (?:the|our) app|letters(?: to the editor)?|corrections|"
     r"(?:do not|don't) sell my (?:personal )?information|manage (?:cookies|preferences|consent)"),
    ("footer", "site menu or legal link", "fr", r"mentions l(?:é|e)gales|politique de confidentialit(?:é|e)|(?:gestion|param(?:è|e)tres) des cookies|cookies|"
     r"conditions g(?:é|e)n(?:é|e)rales.{0,40}|cgu|cgv|(?:nous )?contacter|contactez-nous|contact|qui sommes-nous|plan du site|"
     r"aide|faq|accessibilit(?:é|e)|recrutement|publicit(?:é|e)|jeux|mots crois(?:é|e)s|horoscope|m(?:é|e)t(?:é|e)o|boutique|"
     r"accueil|menu|rechercher|recherche|haut de page|aller au contenu|archives|t(?:é|e)l(?:é|e)charger l'application|"
     r"courrier des lecteurs|la r(?:é|e)daction"),
    ("footer", "site menu or legal link", "es", r"aviso legal|pol(?:í|i)tica de (?:privacidad|cookies)|configuraci(?:ó|o)n de cookies|cookies|"
     r"condiciones de uso|t(?:é|e)rminos.{0,30}|contacto|cont(?:á|a)ctanos|qui(?:é|e)nes somos|mapa del sitio|ayuda|"
     r"accesibilidad|trabaja con nosotros|publicidad|juegos|pasatiempos|crucigramas?|hor(?:ó|o)scopo|el tiempo|tienda|"
     r"inicio|portada|men(?:ú|u)|buscar|b(?:ú|u)squeda|volver arriba|ir al contenido|hemeroteca|descarga la app|"
     r"cartas al director|la redacci(?:ó|o)n|(?:ú|u)ltima hora"),
    ("footer", "cookie banner", ALL, r".{0,160}\bcookies?\b.{0,200}(?:akzeptieren|zustimmen|einverstanden|accept|agree|consent|"
     r"accepter|j'accepte|aceptar|acepto|accetta)\b.{0,60}|(?:alle )?akzeptieren|alle ablehnen|ablehnen|accept(?: all)?(?: cookies)?|"
     r"reject all|tout accepter|tout refuser|refuser|continuer sans accepter|aceptar(?: todo| todas)?|rechazar(?: todo)?|"
     r"(?:wir (?:verwenden|nutzen)|diese (?:web)?(?:seite|site) (?:verwendet|nutzt)|we use|this (?:site|website) uses|nous utilisons|ce site utilise|"
     r"utilizamos|este sitio (?:web )?utiliza) cookies.{0,200}"),
    ("footer", "site menu or legal link", "it", r"chi siamo|redazione|note legali|privacy(?: policy)?|cookie policy|contatti|"
     r"pubblicit(?:à|a)|lavora con noi|mappa del sito|abbonamenti|edicola digitale|meteo|oroscopo|giochi|menu|cerca|"
     r"torna su|vai al contenuto(?: principale)?|il mio account|accedi|esci"),
    ("footer", "contact e-mail line", ALL, r"(?:[^@]{0,40}:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ("footer", "site navigation", ALL, r"(?:zur|zum) (?:navigation|hauptnavigation|suche|inhalt|hauptinhalt)(?: springen)?|"
     r"skip to (?:navigation|main navigation|search|footer)|aller au (?:menu|contenu principal|pied de page)|"
     r"ir (?:a la navegaci(?:ó|o)n|al contenido principal)|vai (?:al menu|alla navigazione)|"
     r"(?:mein|my|mon|mi|il mio) (?:konto|account|compte|cuenta|profil|profile|perfil)|"
     r"weiter|zur(?:ü|ue)ck|next|previous|suivant|pr(?:é|e)c(?:é|e)dent|siguiente|anterior|avanti|indietro|"
     r"(?:details|mehr|alle) anzeigen|show (?:details|more|all)|afficher (?:les d(?:é|e)tails|plus)|mostrar (?:detalles|m(?:á|a)s)|"
     r"mostra (?:dettagli|di pi(?:ù|u))|"
     r"(?:galleria fotografica|fotogalerie|bildergalerie|photo gallery|galerie photos?|galer(?:í|i)a de fotos)(?:\s*\(\d+\))?"),
    ("footer", "app download line", ALL, r".{0,60}\b(?:app|application|aplicaci(?:ó|o)n|applicazione)\b.{0,60}"
     r"(?:ios|android|app store|google play|herunterladen|t(?:é|e)l(?:é|e)charger|descarga|scarica|download).{0,40}|"
     r"(?:t(?:é|e)l(?:é|e)chargez|laden sie|download|descarga|scarica|get) .{0,40}\b(?:app|application|aplicaci(?:ó|o)n)\b.{0,40}"),
    ("footer", "publisher's legal line", ALL, r".{0,80}\b(?:gmbh|ag|kg|s\.?r\.?l\.?|s\.?p\.?a\.?|s\.?a\.?s?|sarl|ltd|limited|llc|inc|s\.?l\.?)\b"
     r".{0,60}(?:\d{4,5}|p\.?\s?iva|ust|vat|cif|siret|registered|handelsregister).{0,60}|.{0,60}\b(?:p\.?\s?iva|ust-idnr|cif|siret|company number)\b.{0,60}"),
    ("subscribe", "subscription or newsletter prompt", ALL,
     rf"(?=.{{0,80}}\b(?:{_OFFER})).{{0,60}}(?:\d+(?:[.,]\d+)?\s?(?:€|£|\$|(?:euros?|eur)\b)|(?:€|£|\$)\s?\d+(?:[.,]\d+)?(?!\s?(?:m|bn|million|billion|mio|mrd)\b)).{{0,60}}|support (?:us|the [\w ’'-]{2,40})|unterst(?:ü|ue)tzen sie (?:uns|.{2,40})|soutenez .{2,40}|apoya .{2,40}|"
     r"(?:enter|your) e-?mail(?: address)?|(?:ihre )?e-mail-adresse(?: eingeben)?|(?:votre )?adresse (?:e-?mail|mail)|"
     r"(?:tu )?(?:correo|direcci(?:ó|o)n de correo)(?: electr(?:ó|o)nico)?|(?:il tuo )?indirizzo e-?mail|"
     r"(?:before|after) newsletter promotion|je m['’]inscris|ich (?:melde mich an|abonniere)|me suscribo|mi iscrivo|"
     r".{0,80}\b(?:jeden (?:morgen|tag|freitag|abend)|every (?:morning|day|weekday|friday|week)|delivered every|chaque (?:matin|jour|semaine)|"
     r"tous les (?:matins|jours)|cada (?:ma(?:ñ|n)ana|d(?:í|i)a|semana)|ogni (?:giorno|mattina|settimana))\b.{0,80}|"
     r".{0,40}(?:exclusivo (?:para )?suscriptores|r(?:é|e)serv(?:é|e) aux abonn(?:é|e)s|nur f(?:ü|ue)r abonnenten|riservato agli abbonati|"
     r"subscribers? only|cet article vous est offert|dieser artikel ist (?:frei|kostenlos)).{0,100}"),
    ("comments", "comment-function notice", ALL, r".{0,60}\b(?:commentaires sont r(?:é|e)serv(?:é|e)s|kommentare sind .{0,30}vorbehalten|"
     r"comments are (?:for|open to) subscribers|comentarios (?:son|est(?:á|a)n) (?:reservados|disponibles)|commenti (?:sono )?riservati)\b.{0,60}|"
     r"r(?:é|e)agir|reply|antworten|r(?:é|e)pondre|responder|rispondi|melden|report|signaler|denunciar|segnala"),
    ("teaser", "link to a video, audio or gallery", ALL, r"(?:video|v(?:í|i)deo|vid(?:é|e)o|audio|podcast|galerie|galer(?:í|i)a|galleria|fotos?|photos?|bilder)"
     r"\s*[|:–-]\s*.{3,140}"),
    ("meta", "listen line", ALL, r"(?:escucha|escuchar|(?:é|e)couter|ascolta|h(?:ö|oe)ren sie|listen to) (?:la |l['’]|den |this |the )?(?:noticia|article|articolo|artikel|story|notizia)"),
]

KINDS = ("player", "icon", "share", "subscribe", "ad", "teaser", "meta", "comments", "footer")
_LEAKING = ("share", "footer", "icon")  # English labels ("Privacy policy", "Share", "Menu") appear on pages in any language


SUFFIX = r"[\s.:!…]*"  # trailing punctuation and spaces after any catalogued line


@lru_cache(maxsize=16)
def _sources(lang: str | None) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(kind, reason, patterns) that apply to `lang` (None: every language), in catalogue order by kind."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for kind in KINDS:
        by_reason: dict[str, list[str]] = {}
        for k, reason, langs, pattern in CATALOGUE:
            if k == kind and (lang is None or langs in (ALL, lang) or (langs == "en" and kind in _LEAKING)):
                by_reason.setdefault(reason, []).append(pattern)
        out.extend((kind, reason, tuple(ps)) for reason, ps in by_reason.items())
    return tuple(out)


@lru_cache(maxsize=256)
def _reason_regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One reason's patterns as one whole-line regex (compiled on first need; shared by languages)."""
    return re.compile(r"(?:" + "|".join(patterns) + r")" + SUFFIX, re.I)


LONG_KINDS = ("comments", "footer")  # kinds whose lines can be long (cookie banners, comment notices)
# Every long-line pattern of those kinds contains one of these; a long line without any is body text,
# and the (costly) catalogue is not asked about it. Substring tests run in C, far faster than a regex
# alternation tried at every position.
_LONG_WORDS = ("cookie", "komment", "comment", "coment", "posting", "netiquette", "community", "diskut",
               "discussion", "conversation", "réagi", "reagi", "©", "(c)", "copyright", "rechte", "rights",
               "droits", "derechos", "diritti", "@", "applica", "aplicaci", "nutzungsbed", "gmbh", "iva",
               "ust-idnr", "siret", "company number", "sarl", "ltd", "limited", "llc")
_LONG_TOKENS = re.compile(r"\b(?:app|ag|kg|s\.?r\.?l|s\.?p\.?a|s\.?a\.?s?|inc|s\.?l|cif)\b")
# The same tokens without the leading \b: a regex that opens with a literal lets `re` skip ahead to the
# next candidate letter, where one opening with \b is tried at every position of a long line.
_LONG_TOKEN_ENDS = re.compile(r"(?:app|ag|kg|s\.?r\.?l|s\.?p\.?a|s\.?a\.?s?|inc|s\.?l|cif)\b")


def long_trigger(line: str) -> bool:
    """True when a long line could be catalogued chrome (see LONG_KINDS)."""
    low = line.lower()
    for w in _LONG_WORDS:  # a plain loop: this runs on every long body line
        if w in low:
            return True
    # _LONG_TOKENS.search(low), candidate by candidate: a token that ends a word, then the \b before it
    pos = 0
    while m := _LONG_TOKEN_ENDS.search(low, pos):
        if _LONG_TOKENS.match(low, m.start()):
            return True
        pos = m.start() + 1
    return False


@lru_cache(maxsize=32)
def _catalogue(lang: str | None, long: bool) -> Catalogue:
    """The whole catalogue of a language as one matcher: most lines are not chrome, and one test says so.

    A line matches a reason's patterns exactly when it matches one of their top-level alternatives
    followed by SUFFIX; the costly alternatives sit behind word prefilters (`prefilter.py`).
    """
    return Catalogue([a for kind, _, ps in _sources(lang) if not long or kind in LONG_KINDS
                      for p in ps for a in alternatives(p)], SUFFIX)


@lru_cache(maxsize=65536)
def match_chrome(line: str, lang: str | None, long: bool = False) -> tuple[str, str] | None:
    """(kind, reason) when the whole stripped line is catalogued chrome, else None.

    Cached: an outlet's chrome lines recur across its pages. `long` asks only the kinds whose
    lines run long (cookie banners, comment notices). The first reason, in catalogue order, wins.
    """
    if not _catalogue(lang, long).fullmatch(line):
        return None
    for kind, reason, ps in _sources(lang):
        if (not long or kind in LONG_KINDS) and _reason_regex(ps).fullmatch(line):
            return kind, reason
    return None


# Credits at the end of captions: (Bild: AFP), Photograph: Jane Doe/Reuters, (Photo AFP), Foto: EFE.
CREDIT_WORDS = (r"bild|bilder|foto|fotos|photo|photos|photograph|picture|image|images|grafik|illustration|quelle|credit|"
                r"visualisierung|rendering|montage|karte|map|infografik|"
                r"cr(?:é|e)dit(?:s)? photo|cr(?:é|e)dit|cr(?:é|e)dito|imagen|im(?:á|a)genes|fotograf(?:í|i)a|video|archivbild|symbolbild")
CAPTION_CREDIT = re.compile(
    rf"(?:\((?:{CREDIT_WORDS})\b\s*[:.]?\s*[^()]{{1,80}}\)|(?<=[.!?…)\s])(?:{CREDIT_WORDS})\s*:\s*[^.!?]{{1,80}}|"
    rf"\(?©\s*[^()]{{1,60}}\)?|(?<=[.!?])\s+(?:{CREDIT_WORDS})(?:\s+d['’]archives)?\s+[\w.-]+/[^.!?]{{1,60}}|"
    rf"(?<=[.!?])\s+\|\s+[A-ZÄÖÜÉ][\w.-]*(?:\s+[A-ZÄÖÜÉ][\w.-]*){{0,3}}(?:/[\w .-]{{1,30}})?)\s*$",
    re.I,
)
COPYRIGHT_NOTICE = re.compile(r"\b(?:19|20)\d{2}\b|rights|rechte|droits|derechos|diritti|copyright", re.I)
BARE_CREDIT = re.compile(rf"\(?\s*(?:{CREDIT_WORDS})\s*[:.]?\s*[^()]{{0,80}}\)?|\(?©\s*[^()]{{1,60}}\)?", re.I)
