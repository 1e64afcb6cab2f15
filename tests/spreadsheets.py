"""CSV files as spreadsheets write them, byte by byte: written from these literals by the tests
(a file in the repository could have its line ends or its encoding changed by git or an
editor; these cannot).

- EXCEL_IT: Excel for Windows in Italian, "CSV (delimitato dal separatore di elenco)": the
  Windows-1252 code page (no byte order mark; `€` is 0x80 and the typographic apostrophe (U+2019)
  0x92, where Latin-1 has control characters), `;` between cells (the list separator where the
  decimal separator is a comma), CRLF between rows, a line break inside a cell (Alt+Enter) as
  a bare LF inside quotes, a quote doubled, decimals with a comma.
- EXCEL_UTF8: Excel's "CSV UTF-8 (delimitato da virgole)" in the United States: a byte order
  mark, `,`, CRLF, TRUE and FALSE for checkboxes.
- EXCEL_UNICODE: Excel's "Unicode text (*.txt)": UTF-16 little-endian with a byte order mark,
  tabs between cells, CRLF.
- LIBREOFFICE: LibreOffice Calc's default "Text CSV" export on Linux: UTF-8 without a mark,
  `,`, LF line ends, quotes only where a cell needs them.
"""

from __future__ import annotations

EXCEL_IT_TOUCHPOINTS = (
    b"Percorso;Tappa;Fase;Touchpoint;Canale;Responsabile;Descrizione\r\n"
    b"Apertura conto;Scoperta del bisogno;Scoperta;Passaparola dei colleghi;Passaparola;"
    b'Marketing;"Il consiglio arriva in pausa pranzo;\nspesso \xe8 il primo"\r\n'
    b"Apertura conto;Scoperta del bisogno;Scoperta;Annunci social;Pubblicit\xe0;Marketing;"
    b"Costo per contatto: 1,20 \x80\r\n"
    b"Apertura conto;Confronto;Valutazione;Filiale di via Roma;Negozio;Conti correnti;"
    b'"L\x92attesa media \xe8 di 12 minuti, ""troppo"" per chi lavora"\r\n'
)
EXCEL_IT_KPIS = (
    b"Percorso;Tappa;KPI;Nome;Unit\xe0;Direzione;Valore attuale;Valore obiettivo\r\n"
    b"Apertura conto;Confronto;attesa-filiale;Attesa media in filiale;min;decrease;12,5;8\r\n"
)
EXCEL_UTF8_TOUCHPOINTS = (
    b"\xef\xbb\xbfJourney,Stage,Phase,Touchpoint,Channel,Owner,Feedback\r\n"
    b"Opening an account,Onboarding,post-purchase,Welcome email,Email,Marketing,FALSE\r\n"
    b"Opening an account,Onboarding,post-purchase,First-month survey,Email,Marketing,TRUE\r\n"
    b"Opening an account,Onboarding,post-purchase,\xe2\x80\x99Branch\xe2\x80\x99 visit \xf0\x9f"
    b"\x8f\xa6,Store,Conti correnti,FALSE\r\n"
)
LIBREOFFICE_STAGES = (
    b"journey,stage,stage_name,phase,goal,emotion,pain_points\n"
    b"apertura-conto,confronto,Confronto,evaluation,"
    b'"Sapere quanto costa il conto, carta compresa",-1,"Il costo annuo \xc3\xa8 in un PDF\n'
    b'Le recensioni citano ""blocchi"" gi\xc3\xa0 risolti"\n'
    b"apertura-conto,apertura,Apertura,purchase,Aprire il conto in un giorno,1,\n"
)
EXCEL_UNICODE_TOUCHPOINTS = (
    "\ufeffJourney\tStage\tPhase\tTouchpoint\tChannel\r\n"
    "Rinnovo\tScadenza\tpost-purchase\tPromemoria via SMS \u2013 30 giorni prima\tSMS\r\n"
).encode("utf-16-le")
